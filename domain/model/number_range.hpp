// number_range.hpp — the whole numbers a setting accepts, and how to say so.
//
// Every number an operator writes (a port, a threshold, a count) has one
// range, declared beside the field it bounds and used both by the domain's
// validation and by the readers of configuration files, so the two never
// disagree and no number is narrowed or wrapped on its way in.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace nyxmon::domain {

struct NumberRange {
  std::int64_t low;
  std::int64_t high;
  std::string_view what = {};  // "a port"; empty when the bounds alone say it

  constexpr bool contains(std::int64_t value) const { return value >= low && value <= high; }
  constexpr bool contains(double value) const {
    // Written so that NaN is outside every range.
    return value >= static_cast<double>(low) && value <= static_cast<double>(high);
  }

  // "a port (1-65535)", or "1-100" when `what` is empty.
  std::string describe() const {
    const std::string bounds = std::to_string(low) + "-" + std::to_string(high);
    return what.empty() ? bounds : std::string(what) + " (" + bounds + ")";
  }
};

}  // namespace nyxmon::domain
