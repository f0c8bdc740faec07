// stream_prefix_transform.hpp — memtable insert hints for the store's keys:
// a stream index key's stream part ("<name> 0x00", without the version).
//
// Given to the `streams` family as its memtable insert-hint extractor: each
// stream's index entries arrive in version order, so remembering where the
// last one of the same stream went turns a random skiplist insert into a
// near-constant one. Private to the event store's sources.
#pragma once

#include <rocksdb/slice_transform.h>

namespace nyxmon::infra::eventstore {

class StreamPrefixTransform : public rocksdb::SliceTransform {
 public:
  const char* Name() const override { return "nyxmon.StreamPrefix"; }
  rocksdb::Slice Transform(const rocksdb::Slice& key) const override {
    return rocksdb::Slice(key.data(), key.size() - 8);
  }
  bool InDomain(const rocksdb::Slice& key) const override { return key.size() > 8; }
};

}  // namespace nyxmon::infra::eventstore
