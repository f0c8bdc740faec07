// notify_on.hpp — what a notifier is told about: the `notify_on` list of a
// notifier (down, degraded, recovered, flapping_started, flapping_stopped,
// maintenance). A notifier leaves out what its list does not name; without a
// list it is told of down, degraded and recovered.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nyxmon::domain {

enum class NotifyOn : std::uint8_t {
  kDown = 0,
  kDegraded = 1,
  kRecovered = 2,
  kFlappingStarted = 3,
  kFlappingStopped = 4,
  kMaintenance = 5,  // a maintenance window opened or closed on the check
};

inline constexpr NotifyOn kEveryNotifyOn[] = {NotifyOn::kDown,
                                              NotifyOn::kDegraded,
                                              NotifyOn::kRecovered,
                                              NotifyOn::kFlappingStarted,
                                              NotifyOn::kFlappingStopped,
                                              NotifyOn::kMaintenance};

std::string_view to_string(NotifyOn on);
std::optional<NotifyOn> parse_notify_on(std::string_view text);

// A set of NotifyOn, one bit each.
class NotifyOnSet {
 public:
  // down, degraded and recovered: what every notifier was told before
  // notify_on existed.
  static constexpr NotifyOnSet usual() {
    return NotifyOnSet(bit(NotifyOn::kDown) | bit(NotifyOn::kDegraded) | bit(NotifyOn::kRecovered));
  }
  static constexpr NotifyOnSet none() { return NotifyOnSet(0); }
  static constexpr NotifyOnSet all() {
    NotifyOnSet set = none();
    for (NotifyOn on : kEveryNotifyOn)
      set.add(on);
    return set;
  }

  constexpr NotifyOnSet() : bits_(usual().bits_) {}
  constexpr bool has(NotifyOn on) const { return (bits_ & bit(on)) != 0; }
  constexpr void add(NotifyOn on) { bits_ |= bit(on); }
  // "down, degraded, recovered", in the order of kEveryNotifyOn.
  std::string describe() const;

  bool operator==(const NotifyOnSet&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(bits_);
  }

 private:
  static constexpr std::uint8_t bit(NotifyOn on) {
    return static_cast<std::uint8_t>(1u << static_cast<unsigned>(on));
  }
  explicit constexpr NotifyOnSet(std::uint8_t bits) : bits_(bits) {}
  std::uint8_t bits_;
};

}  // namespace nyxmon::domain
