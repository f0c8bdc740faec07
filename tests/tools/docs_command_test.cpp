// nyxmon man and nyxmon completion: the manual page names every subcommand
// --help lists, with their options, and groff reads it without a warning;
// the bash completion offers subcommands, options and the store's check
// ids; the zsh one is valid zsh.
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <regex>

#include "tests/support/running_engine.hpp"
#include "tests/support/subprocess.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::tools {
namespace {

using testing::run_nyxmon;

// The subcommand names of `nyxmon --help`.
std::vector<std::string> listed_subcommands() {
  const auto help = run_nyxmon({"--help"});
  std::vector<std::string> names;
  const auto at = help.out.find("Subcommands:");
  std::istringstream lines(help.out.substr(at == std::string::npos ? 0 : at));
  std::string line;
  std::getline(lines, line);
  static const std::regex entry("^  ([a-z-]+) ");
  while (std::getline(lines, line)) {
    std::smatch match;
    if (std::regex_search(line, match, entry)) names.push_back(match[1]);
  }
  return names;
}

std::string completions_of(const std::string& script, const std::string& words, int cword,
                           const std::filesystem::path& dir) {
  std::ofstream(dir / "nyxmon.bash") << script;
  const std::string bin_dir = std::filesystem::path(testing::nyxmon_binary()).parent_path();
  const auto run = testing::run_process({"/bin/bash", "-c",
                                         "PATH=" + bin_dir + ":$PATH; source " +
                                             (dir / "nyxmon.bash").string() + "; COMP_WORDS=(" +
                                             words + "); COMP_CWORD=" + std::to_string(cword) +
                                             "; _nyxmon; printf '%s\\n' \"${COMPREPLY[@]}\""});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return run.out;
}

TEST(DocsCommand, TheManPageNamesEverySubcommandAndReadsCleanly) {
  testing::TempDir dir;
  const auto man = run_nyxmon({"man"});
  ASSERT_EQ(man.exit_code, 0) << man.err;
  EXPECT_TRUE(man.out.starts_with(".TH NYXMON 1"));
  const auto names = listed_subcommands();
  ASSERT_GT(names.size(), 15u);
  for (const std::string& name : names)
    EXPECT_NE(man.out.find(".SS \"nyxmon " + name + "\""), std::string::npos) << name;
  EXPECT_NE(man.out.find(".SS \"nyxmon check pause\""), std::string::npos) << "nested commands";
  EXPECT_NE(man.out.find("\\fB\\-\\-at\\fR \\fITIME\\fR"), std::string::npos) << "status --at";
  for (const char* section : {".SH EXIT STATUS", ".SH FILES", ".SH SIGNALS", ".SH ENVIRONMENT"})
    EXPECT_NE(man.out.find(section), std::string::npos) << section;
  std::ofstream(dir / "nyxmon.1") << man.out;
  const auto groff =
      testing::run_process({"/usr/bin/groff", "-man", "-ww", "-z", (dir / "nyxmon.1").string()});
  EXPECT_EQ(groff.exit_code, 0);
  EXPECT_EQ(groff.err, "") << "groff warns about the page";
}

TEST(DocsCommand, BashCompletesSubcommandsOptionsAndCheckIds) {
  testing::TempDir dir;
  const auto bash = run_nyxmon({"completion", "bash"});
  ASSERT_EQ(bash.exit_code, 0) << bash.err;
  EXPECT_EQ(completions_of(bash.out, "nyxmon sta", 1, dir.path()), "status\n");
  EXPECT_EQ(completions_of(bash.out, "nyxmon check pa", 2, dir.path()), "pause\n");
  EXPECT_NE(completions_of(bash.out, "nyxmon status --", 2, dir.path()).find("--at\n"),
            std::string::npos);

  // Check ids come from the store named by --data.
  std::ofstream(dir / "checks.yaml")
      << "services:\n  - id: shop\n    checks:\n"
         "      - { id: api-health, tcp: { host: 127.0.0.1, port: 1 } }\n"
         "      - { id: api-latency, tcp: { host: 127.0.0.1, port: 2 } }\n"
         "      - { id: db, tcp: { host: 127.0.0.1, port: 3 } }\n";
  const std::string data = (dir / "data").string();
  {
    testing::RunningEngine engine(dir / "checks.yaml", dir / "data");
    ASSERT_EQ(engine.stop(SIGTERM).exit_code, 0);
  }
  EXPECT_EQ(completions_of(bash.out, "nyxmon --data " + data + " check pause api", 5, dir.path()),
            "api-health\napi-latency\n");
  EXPECT_EQ(
      completions_of(bash.out, "nyxmon --data " + data + " incidents --check d", 5, dir.path()),
      "db\n");
  EXPECT_EQ(completions_of(bash.out, "nyxmon --data /nonexistent check pause a", 5, dir.path()),
            "\n")
      << "no store, no ids, no noise";
}

TEST(DocsCommand, TheZshCompletionIsValidZsh) {
  testing::TempDir dir;
  const auto zsh = run_nyxmon({"completion", "zsh"});
  ASSERT_EQ(zsh.exit_code, 0) << zsh.err;
  EXPECT_TRUE(zsh.out.starts_with("#compdef nyxmon\n"));
  std::ofstream(dir / "_nyxmon") << zsh.out;
  ASSERT_TRUE(std::filesystem::exists("/usr/bin/zsh")) << "scripts/install-deps.sh installs zsh";
  const auto checked = testing::run_process({"/usr/bin/zsh", "-n", (dir / "_nyxmon").string()});
  EXPECT_EQ(checked.exit_code, 0) << checked.err;
  EXPECT_EQ(run_nyxmon({"completion", "fish"}).exit_code, 1);
}

}  // namespace
}  // namespace nyxmon::tools
