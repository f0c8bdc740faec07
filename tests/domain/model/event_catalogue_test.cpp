#include <gtest/gtest.h>

#include <set>

#include "domain/events/event.hpp"

namespace nyxmon::domain {
namespace {

template <std::size_t... I>
std::vector<std::pair<std::uint32_t, std::string_view>> catalogue(std::index_sequence<I...>) {
  return {
      {std::variant_alternative_t<I, Event>::kTag, std::variant_alternative_t<I, Event>::kName}...};
}

TEST(EventCatalogue, TagsAndNamesAreUniqueAndFindEachOther) {
  const auto all = catalogue(std::make_index_sequence<std::variant_size_v<Event>>());
  std::set<std::uint32_t> tags;
  std::set<std::string_view> names;
  for (const auto& [tag, name] : all) {
    EXPECT_TRUE(tags.insert(tag).second) << "tag " << tag << " used twice";
    EXPECT_TRUE(names.insert(name).second) << name << " named twice";
    EXPECT_EQ(tag_named(name), tag);
    EXPECT_EQ(name_of_tag(tag), name);
  }
  EXPECT_EQ(all.size(), 34u);
  EXPECT_EQ(tag_named("NoSuchEvent"), std::nullopt);
}

TEST(EventCatalogue, EventsKnowTheirStream) {
  EXPECT_EQ(stream_for(CheckScheduled{CheckId{"api"}}), "check-api");
  EXPECT_EQ(stream_for(ServiceStatusChanged{ServiceId{"web"}}), "service-web");
  EXPECT_EQ(stream_for(NotificationRequested{1, NotifierId{"ops"}}), "notify-ops");
  EXPECT_EQ(stream_for(NotificationAbandoned{1, NotifierId{"ops"}, CheckId{"api"}}), "notify-ops");
  EXPECT_EQ(stream_for(MaintenanceEnded{MaintenanceId{"upgrade"}}), "maintenance-upgrade");
  EXPECT_EQ(stream_for(EngineStarted{}), "engine");
}

}  // namespace
}  // namespace nyxmon::domain
