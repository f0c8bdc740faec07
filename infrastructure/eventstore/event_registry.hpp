// event_registry.hpp — encodes typed events to payload bytes and back,
// through cereal's binary archive, by stable type tag and schema version.
//
// `Event` is a std::variant of event structs. Each alternative T declares
//   static constexpr std::uint32_t kTag;            // stable, never reused
//   static constexpr std::uint16_t kSchemaVersion;  // bumped when fields change
//   static constexpr std::string_view kName;
//   template <class Archive> void serialize(Archive&);
// Events are always written at their current schema version. Older versions
// stay readable through upcasters: add_upcaster<OldT, T>(convert) where OldT
// is the old layout (same kTag, older kSchemaVersion) and convert builds the
// current T from it. Each old version converts straight to the current one.
//
// decode() never throws: an unknown tag or version, or bytes that do not
// parse, is an Error saying which. Not thread-safe to modify; once built,
// concurrent encode/decode calls are safe.
#pragma once

#include <cereal/archives/binary.hpp>
#include <cereal/types/array.hpp>
#include <cereal/types/chrono.hpp>
#include <cereal/types/map.hpp>
#include <cereal/types/optional.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/utility.hpp>
#include <cereal/types/variant.hpp>
#include <cereal/types/vector.hpp>

#include <cstdint>
#include <functional>
#include <istream>
#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "domain/error.hpp"
#include "infrastructure/eventstore/bounded_input_archive.hpp"
#include "infrastructure/eventstore/byte_streams.hpp"
#include "infrastructure/eventstore/recorded_event.hpp"

namespace nyxmon::infra::eventstore {

template <class Event>
class EventRegistry {
 public:
  // A registry that knows every alternative of Event at its current version.
  EventRegistry() { register_current(std::make_index_sequence<std::variant_size_v<Event>>()); }

  // Makes payloads of OldT's layout readable, converted by `convert`.
  template <class OldT, class T>
  void add_upcaster(std::function<T(OldT)> convert) {
    static_assert(OldT::kTag == T::kTag, "an upcaster converts versions of one event type");
    static_assert(OldT::kSchemaVersion < T::kSchemaVersion, "upcasters go from old to new");
    decoders_[{OldT::kTag, OldT::kSchemaVersion}] =
        Decoder{T::kName,
                [convert = std::move(convert)](std::string_view payload) -> domain::Result<Event> {
                  auto old = decode_as<OldT>(payload);
                  if (!old) return domain::fail(std::move(old.error()));
                  return Event(convert(std::move(*old)));
                }};
  }

  // The payload, tag and schema version of `event`; recorded_at_ns is left 0.
  NewEvent encode(const Event& event) const {
    return std::visit(
        [](const auto& typed) {
          using T = std::decay_t<decltype(typed)>;
          NewEvent out;
          out.type_tag = T::kTag;
          out.schema_version = T::kSchemaVersion;
          ByteSink sink(out.payload);
          std::ostream stream(&sink);
          {
            cereal::BinaryOutputArchive archive(stream);
            archive(typed);
          }
          return out;
        },
        event);
  }

  domain::Result<Event> decode(std::uint32_t tag, std::uint16_t schema_version,
                               std::string_view payload) const {
    Event event;
    if (auto decoded = decode(tag, schema_version, payload, event); !decoded)
      return domain::fail(std::move(decoded.error()));
    return event;
  }

  // The same, into `out` (left unspecified on failure): the current version
  // of a known tag, nearly every event, is read in place, without a move.
  domain::Result<void> decode(std::uint32_t tag, std::uint16_t schema_version,
                              std::string_view payload, Event& out) const {
    if (tag < current_.size() && current_[tag].decode && current_[tag].version == schema_version) {
      return current_[tag].decode(payload, out);
    }
    auto it = decoders_.find({tag, schema_version});
    if (it == decoders_.end()) {
      if (known_tag(tag)) {
        return domain::fail(domain::Error::unsupported(
            "event type " + std::string(name_of_tag(tag)) + " (tag " + std::to_string(tag) +
            ") has schema version " + std::to_string(schema_version) +
            ", which this nyxmon cannot read; upgrade nyxmon"));
      }
      return domain::fail(domain::Error::unsupported(
          "unknown event type tag " + std::to_string(tag) + " (written by a newer nyxmon?)"));
    }
    auto upcast = it->second.decode(payload);
    if (!upcast) return domain::fail(std::move(upcast.error()));
    out = std::move(*upcast);
    return {};
  }

  bool known_tag(std::uint32_t tag) const {
    auto it = decoders_.lower_bound({tag, 0});
    return it != decoders_.end() && it->first.first == tag;
  }

  // The event type's name, or "unknown".
  std::string_view name_of_tag(std::uint32_t tag) const {
    auto it = decoders_.lower_bound({tag, 0});
    return it != decoders_.end() && it->first.first == tag ? it->second.name : "unknown";
  }

 private:
  struct Decoder {
    std::string_view name;
    std::function<domain::Result<Event>(std::string_view)> decode;
  };

  // The archive checks every length against the bytes left
  // (bounded_input_archive.hpp), so damaged bytes cannot ask for more memory
  // than they take.
  template <class T>
  static domain::Result<void> load_into(std::string_view payload, T& value) {
    BoundedInputArchive archive(payload);
    try {
      archive(value);
    } catch (const std::exception& error) {
      return domain::fail(domain::Error::corruption(std::string(T::kName) +
                                                    " payload does not parse: " + error.what()));
    }
    return {};
  }

  template <class T>
  static domain::Result<T> decode_as(std::string_view payload) {
    T value{};
    if (auto loaded = load_into(payload, value); !loaded)
      return domain::fail(std::move(loaded.error()));
    return value;
  }

  template <std::size_t... I>
  void register_current(std::index_sequence<I...>) {
    (register_one<std::variant_alternative_t<I, Event>>(), ...);
  }

  template <class T>
  void register_one() {
    auto [unused, inserted] =
        decoders_.emplace(std::pair{T::kTag, T::kSchemaVersion},
                          Decoder{T::kName, [](std::string_view payload) -> domain::Result<Event> {
                                    auto value = decode_as<T>(payload);
                                    if (!value) return domain::fail(std::move(value.error()));
                                    return Event(std::move(*value));
                                  }});
    if (!inserted) throw std::logic_error("two event types share tag " + std::to_string(T::kTag));
    if (current_.size() <= T::kTag) current_.resize(T::kTag + 1);
    current_[T::kTag] = Current{T::kSchemaVersion, &decode_current<T>};
  }

  template <class T>
  static domain::Result<void> decode_current(std::string_view payload, Event& out) {
    return load_into(payload, out.template emplace<T>());
  }

  struct Current {
    std::uint16_t version = 0;
    domain::Result<void> (*decode)(std::string_view, Event&) = nullptr;
  };

  std::map<std::pair<std::uint32_t, std::uint16_t>, Decoder> decoders_;
  std::vector<Current> current_;  // by tag: the decoder of the current version
};

}  // namespace nyxmon::infra::eventstore
