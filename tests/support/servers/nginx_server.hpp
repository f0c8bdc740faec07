// nginx_server.hpp — Debian's nginx serving a directory on a free loopback
// port, for the end-to-end tests of checks that should meet a real web
// server (an exec check's check_http, an http check). One process, in the
// foreground, with its files in a temporary prefix; stopped when the object
// goes.
//
//   NginxServer nginx({{"health", "ok"}, {"stats.json", R"({"depth":3})"}});
//   nginx.url("/health")  // "http://127.0.0.1:<port>/health"
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/subprocess.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::testing {

class NginxServer {
 public:
  static constexpr const char* kBinary = "/usr/sbin/nginx";

  // Serves each {name, content} at /name. Throws std::runtime_error when
  // nginx is missing or does not listen within 10 s.
  explicit NginxServer(const std::vector<std::pair<std::string, std::string>>& files);
  ~NginxServer();

  std::uint16_t port() const { return port_; }
  std::string url(const std::string& path) const;

 private:
  TempDir prefix_;
  std::uint16_t port_ = 0;
  std::unique_ptr<BackgroundProcess> process_;
};

}  // namespace nyxmon::testing
