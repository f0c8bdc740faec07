// raw_store.hpp — opens a store's RocksDB directly, as a disk fault or a
// foreign tool would see it, to damage it on purpose.
#pragma once

#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <filesystem>

namespace nyxmon::testing {

// Hands `edit` the database and its events, streams and meta families.
template <class Edit>
void edit_raw_store(const std::filesystem::path& dir, Edit edit) {
  std::vector<rocksdb::ColumnFamilyDescriptor> families = {
      {rocksdb::kDefaultColumnFamilyName, {}}, {"events", {}}, {"streams", {}}, {"meta", {}}};
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(rocksdb::DBOptions(), dir.string(), families, &handles, &db).ok());
  edit(*db, handles[1], handles[2], handles[3]);
  for (auto* handle : handles)
    db->DestroyColumnFamilyHandle(handle);
  delete db;
}

}  // namespace nyxmon::testing
