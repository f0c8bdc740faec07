// POST /api/v1/definitions changes only what it was asked to: a document
// that adds one check to a service keeps the service's name and description
// and every check it does not name; prune=true makes the engine match the
// document, as a restart with that file would.
#include <gtest/gtest.h>

#include <csignal>
#include <fstream>
#include <map>

#include "tests/support/http_client.hpp"
#include "tests/support/recorded_events.hpp"
#include "tests/support/running_engine.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::tools {
namespace {

using namespace nyxmon::domain;
using testing::http_request;
using testing::RunningEngine;

std::string beat(const std::string& id) {
  return "{\"id\": \"" + id + "\", \"heartbeat\": {\"token\": \"" + id +
         "-token-0123456789\", \"period\": \"1h\"}}";
}

TEST(DefinitionsEndpoint, ADocumentAddingOneCheckChangesNothingItLeavesOut) {
  testing::TempDir dir;
  std::ofstream(dir / "nyxmon.yaml") << "services:\n"
                                        "  - id: shop\n"
                                        "    name: The shop\n"
                                        "    description: Where people buy\n"
                                        "    checks:\n"
                                        "      - id: nightly\n"
                                        "        name: Nightly export\n"
                                        "        heartbeat: { token: nightly-token-0123456789, "
                                        "period: 1h }\n";
  RunningEngine engine(dir / "nyxmon.yaml", dir / "data");
  const auto post = [&](const std::string& query, const std::string& checks,
                        const std::string& service_fields) {
    return http_request(
        "POST", engine.url("/api/v1/definitions" + query), engine.bearer(),
        "{\"services\": [{\"id\": \"shop\"" + service_fields + ", \"checks\": [" + checks + "]}]}");
  };

  const auto added = post("", beat("weekly"), "");
  ASSERT_EQ(added.status, 200) << added.body;
  const auto service = http_request("GET", engine.url("/api/v1/services"), engine.bearer());
  ASSERT_EQ(service.status, 200) << service.body;
  EXPECT_NE(service.body.find("The shop"), std::string::npos) << service.body;
  EXPECT_EQ(http_request("GET", engine.url("/api/v1/checks/nightly"), engine.bearer()).status, 200);
  const auto nightly_again = post("", beat("nightly"), "");
  ASSERT_EQ(nightly_again.status, 200) << nightly_again.body;

  const auto renamed = post("", beat("weekly"), ", \"name\": \"The new shop\"");
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  const auto pruned = post("?prune=true", beat("weekly"), ", \"name\": \"The new shop\"");
  ASSERT_EQ(pruned.status, 200) << pruned.body;
  EXPECT_EQ(http_request("GET", engine.url("/api/v1/checks/nightly"), engine.bearer()).status, 404);
  ASSERT_EQ(engine.stop(SIGTERM).exit_code, 0);

  std::vector<ServiceSpec> shop_definitions;
  std::map<std::string, std::string> check_names;
  for (const auto& e : testing::recorded_events(dir / "data")) {
    if (const auto* s = std::get_if<ServiceDefined>(&e.event)) shop_definitions.push_back(s->spec);
    if (const auto* c = std::get_if<CheckDefined>(&e.event))
      check_names[c->spec->id.value] = c->spec->name;
    if (const auto* c = std::get_if<CheckRedefined>(&e.event))
      check_names[c->spec->id.value] = c->spec->name;
  }
  ASSERT_EQ(shop_definitions.size(), 3u) << "the file's, the rename, the pruning document's";
  EXPECT_EQ(shop_definitions[0].name, "The shop");
  EXPECT_EQ(shop_definitions[1].name, "The new shop");
  EXPECT_EQ(shop_definitions[1].description, "Where people buy") << "merged: kept";
  EXPECT_EQ(shop_definitions[2].description, "") << "pruned: as the document says";
  EXPECT_EQ(check_names["nightly"], "Nightly export") << "named again without a name: kept";
}

}  // namespace
}  // namespace nyxmon::tools
