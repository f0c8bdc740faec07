// silences.hpp — every silence's record, folded from the silences' own
// streams. Silences long over stay: they are the record of who held what.
#pragma once

#include "domain/state/silence_record.hpp"
#include "projections/keyed_records.hpp"

namespace nyxmon::projections {

struct SilenceTraits {
  using Id = domain::SilenceId;
  using Record = domain::SilenceRecord;
  static constexpr std::string_view kMagic = "SILN";
  static constexpr std::string_view kWhat = "silences";
  static const Id* named(const domain::Event& event) { return domain::silence_named(event); }
};

using Silences = KeyedRecords<SilenceTraits>;

}  // namespace nyxmon::projections
