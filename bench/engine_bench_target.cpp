// engine_bench_target — the HTTP target of scripts/bench-engine.sh: answers
// every GET / with 200 "ok" on 127.0.0.1, prints its port, and serves until
// its standard input closes.
#include <cstdio>
#include <iostream>
#include <string>

#include "tests/support/servers/http_test_server.hpp"

int main() {
  nyxmon::testing::HttpTestServer server;
  server.route("/", nyxmon::testing::HttpBehaviour::respond(200, "ok"));
  std::printf("%u\n", static_cast<unsigned>(server.port()));
  std::fflush(stdout);
  std::string line;
  while (std::getline(std::cin, line)) {
  }
  return 0;
}
