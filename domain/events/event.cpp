#include "domain/events/event.hpp"

#include <array>
#include <utility>

namespace nyxmon::domain {
namespace {

template <std::size_t... I>
constexpr auto make_catalogue(std::index_sequence<I...>) {
  return std::array<std::pair<std::uint32_t, std::string_view>, sizeof...(I)>{std::pair{
      std::variant_alternative_t<I, Event>::kTag, std::variant_alternative_t<I, Event>::kName}...};
}

constexpr auto kCatalogue = make_catalogue(std::make_index_sequence<std::variant_size_v<Event>>());

}  // namespace

std::uint32_t tag_of(const Event& event) {
  return std::visit([](const auto& typed) { return std::decay_t<decltype(typed)>::kTag; }, event);
}

std::string_view name_of(const Event& event) {
  return std::visit([](const auto& typed) { return std::decay_t<decltype(typed)>::kName; }, event);
}

std::uint16_t schema_version_of(const Event& event) {
  return std::visit([](const auto& typed) { return std::decay_t<decltype(typed)>::kSchemaVersion; },
                    event);
}

std::optional<std::uint32_t> tag_named(std::string_view name) {
  for (const auto& [tag, known] : kCatalogue) {
    if (known == name) return tag;
  }
  return std::nullopt;
}

std::optional<std::string_view> name_of_tag(std::uint32_t tag) {
  for (const auto& [known, name] : kCatalogue) {
    if (known == tag) return name;
  }
  return std::nullopt;
}

namespace {

struct StreamOf {
  std::string operator()(const ServiceDefined& e) const { return stream_of(e.spec.id); }
  std::string operator()(const ServiceRemoved& e) const { return stream_of(e.service); }
  std::string operator()(const CheckDefined& e) const { return stream_of(e.spec->id); }
  std::string operator()(const CheckRedefined& e) const { return stream_of(e.spec->id); }
  std::string operator()(const NotifierDefined& e) const { return stream_of(e.spec->id); }
  std::string operator()(const NotifierRemoved& e) const { return stream_of(e.notifier); }
  std::string operator()(const ServiceStatusChanged& e) const { return stream_of(e.service); }
  std::string operator()(const NotificationRequested& e) const { return stream_of(e.notifier); }
  std::string operator()(const NotificationDelivered& e) const { return stream_of(e.notifier); }
  std::string operator()(const NotificationFailed& e) const { return stream_of(e.notifier); }
  std::string operator()(const NotificationAbandoned& e) const { return stream_of(e.notifier); }
  std::string operator()(const MaintenanceDefined& e) const { return stream_of(e.spec.id); }
  std::string operator()(const MaintenanceRemoved& e) const { return stream_of(e.window); }
  std::string operator()(const MaintenanceStarted& e) const { return stream_of(e.window); }
  std::string operator()(const MaintenanceEnded& e) const { return stream_of(e.window); }
  std::string operator()(const SilenceDefined& e) const { return stream_of(e.spec.id); }
  std::string operator()(const SilenceEnded& e) const { return stream_of(e.silence); }
  std::string operator()(const NotificationSilenced& e) const { return stream_of(e.notifier); }
  std::string operator()(const EngineStarted&) const { return std::string(kEngineStream); }
  std::string operator()(const EngineStopped&) const { return std::string(kEngineStream); }
  std::string operator()(const HistoryTruncated&) const { return std::string(kEngineStream); }
  std::string operator()(const EventsLost&) const { return std::string(kEngineStream); }
  template <class CheckEvent>
  std::string operator()(const CheckEvent& e) const {
    return stream_of(e.check);
  }
};

}  // namespace

std::string stream_for(const Event& event) {
  return std::visit(StreamOf{}, event);
}

}  // namespace nyxmon::domain
