# The Debian package (cpack -G DEB in the build directory): /usr/bin/nyxmon,
# its systemd unit, /etc/nyxmon/nyxmon.yaml (a conffile), the man page and
# bash/zsh completions generated from the command line's own definitions,
# the configuration's JSON Schema from the loader's own fields, and contrib/
# (Prometheus rules, Grafana dashboard). postinst makes the nyxmon system user and /var/lib/nyxmon
# (0700); dependencies come from the shared libraries it links.
include(GNUInstallDirs)

set(NYXMON_GENERATED ${CMAKE_BINARY_DIR}/generated)
add_custom_command(
  OUTPUT ${NYXMON_GENERATED}/nyxmon.1.gz ${NYXMON_GENERATED}/nyxmon.bash
         ${NYXMON_GENERATED}/_nyxmon ${NYXMON_GENERATED}/nyxmon.schema.json
  COMMAND ${CMAKE_COMMAND} -E make_directory ${NYXMON_GENERATED}
  COMMAND sh -c "$<TARGET_FILE:nyxmon> man | gzip -9n > ${NYXMON_GENERATED}/nyxmon.1.gz"
  COMMAND sh -c "$<TARGET_FILE:nyxmon> completion bash > ${NYXMON_GENERATED}/nyxmon.bash"
  COMMAND sh -c "$<TARGET_FILE:nyxmon> completion zsh > ${NYXMON_GENERATED}/_nyxmon"
  COMMAND sh -c "$<TARGET_FILE:nyxmon> schema > ${NYXMON_GENERATED}/nyxmon.schema.json"
  DEPENDS nyxmon
  COMMENT "Generating the man page, completions and configuration schema from nyxmon"
  VERBATIM)
add_custom_target(nyxmon_generated_docs ALL DEPENDS ${NYXMON_GENERATED}/nyxmon.1.gz)

install(TARGETS nyxmon RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES contrib/systemd/nyxmon.service DESTINATION lib/systemd/system)
install(FILES packaging/nyxmon.yaml DESTINATION /etc/nyxmon)
install(FILES ${NYXMON_GENERATED}/nyxmon.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${NYXMON_GENERATED}/nyxmon.bash DESTINATION share/bash-completion/completions
        RENAME nyxmon)
install(FILES ${NYXMON_GENERATED}/_nyxmon DESTINATION share/zsh/vendor-completions)
install(FILES ${NYXMON_GENERATED}/nyxmon.schema.json DESTINATION share/nyxmon)
install(FILES contrib/prometheus/nyxmon.rules.yml contrib/grafana/nyxmon-dashboard.json
              README.md docs/api.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME nyxmon)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "nyxmon maintainers <nyxmon@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "monitoring engine that records every check, result and status change as an event")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${CMAKE_SOURCE_DIR}/packaging/debian/conffiles ${CMAKE_SOURCE_DIR}/packaging/debian/postinst
    ${CMAKE_SOURCE_DIR}/packaging/debian/prerm ${CMAKE_SOURCE_DIR}/packaging/debian/postrm)
include(CPack)
