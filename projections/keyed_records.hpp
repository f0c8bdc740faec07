// keyed_records.hpp — a projection of small records, one per id, each
// folded from the events of its own stream: the maintenance windows, the
// silences. They are few, so each is kept whole and snapshotted whole.
//
// Traits name the id and record types, the function that finds the id an
// event is about (nullptr for other events), the snapshot's magic and what
// a damaged snapshot is called. Record folds with fold(record, event, at).
//
// Not thread-safe: owned by the core thread.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.hpp"
#include "domain/events/envelope.hpp"
#include "projections/snapshot_format.hpp"

namespace nyxmon::projections {

template <class Traits>
class KeyedRecords {
 public:
  using Id = typename Traits::Id;
  using Record = typename Traits::Record;

  void apply(const domain::Envelope& envelope) {
    checkpoint_ = envelope.sequence;
    if (const Id* id = Traits::named(envelope.event))
      fold(records_[*id], envelope.event, envelope.recorded_at);
  }

  const Record* find(const Id& id) const {
    auto it = records_.find(id);
    return it == records_.end() ? nullptr : &it->second;
  }

  // In id order, those over or removed too.
  std::vector<const Record*> all() const {
    std::vector<const Record*> out;
    out.reserve(records_.size());
    for (const auto& [id, record] : records_)
      out.push_back(&record);
    return out;
  }

  void snapshot(std::string& out) const {
    domain::ByteWriter writer(out);
    write_snapshot_header(writer, Traits::kMagic, kVersion, checkpoint_);
    writer(records_);
  }

  domain::Result<void> restore(std::string_view bytes) {
    domain::ByteReader reader(bytes);
    auto checkpoint = read_snapshot_header(reader, Traits::kMagic, kVersion);
    if (!checkpoint) return domain::fail(std::move(checkpoint.error()));
    std::map<Id, Record> records;
    reader(records);
    if (!reader.ok() || !reader.at_end()) return domain::fail(damaged_snapshot(Traits::kWhat));
    records_ = std::move(records);
    checkpoint_ = *checkpoint;
    return {};
  }

 private:
  static constexpr std::uint16_t kVersion = 1;
  std::map<Id, Record> records_;
  std::uint64_t checkpoint_ = 0;
};

}  // namespace nyxmon::projections
