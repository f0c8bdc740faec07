#include "infrastructure/eventstore/event_store.hpp"

#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include <unistd.h>

#include <cctype>
#include <condition_variable>
#include <fstream>
#include <limits>
#include <mutex>
#include <unordered_map>

#include "infrastructure/eventstore/event_store_state.hpp"
#include "infrastructure/eventstore/high_water_mark.hpp"
#include "infrastructure/eventstore/read_view_pinned.hpp"
#include "infrastructure/eventstore/record_codec.hpp"
#include "infrastructure/eventstore/rocks_errors.hpp"
#include "infrastructure/eventstore/rocksdb_handles.hpp"
#include "infrastructure/eventstore/store_directory.hpp"
#include "infrastructure/eventstore/store_format.hpp"
#include "infrastructure/eventstore/stream_prefix_transform.hpp"

namespace nyxmon::infra::eventstore {

namespace fs = std::filesystem;
using domain::Error;
using domain::Result;

namespace {

constexpr std::size_t kMaxStreamNameBytes = 255;
// A record's bytes in a WriteBatch beyond its payload and two copies of its
// stream name: header, keys, index value and the batch's own tags.
constexpr std::size_t kRecordOverheadBytes = 96;

rocksdb::ColumnFamilyOptions family_options(std::string_view family,
                                            const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::ColumnFamilyOptions options;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = cache;
  if (family == kEventsFamily) {
    // Events are written once in key order and mostly read in scans: bigger
    // blocks compress better; old levels get the stronger compressor.
    table.block_size = 16 * 1024;
    // Smaller than RocksDB's 64 MiB: less resident memory, and appends ran
    // faster with it (bench/event_store_bench); smaller still flushes too often.
    options.write_buffer_size = std::size_t{16} << 20;
    options.compression = rocksdb::kLZ4Compression;
    options.bottommost_compression = rocksdb::kZSTD;
    // No insert hint: keys only grow, and the skiplist's own memory of the
    // last insert serves them without a hint table lookup.
  } else {
    options.compression = rocksdb::kLZ4Compression;
  }
  if (family == kMetaFamily) {
    // Few writes, some of them large (projection snapshots): a small
    // memtable flushes them to disk instead of keeping them resident.
    options.write_buffer_size = std::size_t{4} << 20;
  }
  if (family == kStreamsFamily) {
    // Index entries land all over the key space: a shallower skiplist that
    // stays in cache makes those inserts cheaper.
    options.write_buffer_size = std::size_t{8} << 20;
    options.memtable_insert_with_hint_prefix_extractor = std::make_shared<StreamPrefixTransform>();
  }
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return options;
}

std::vector<rocksdb::ColumnFamilyDescriptor> descriptors(
    const std::shared_ptr<rocksdb::Cache>& cache) {
  std::vector<rocksdb::ColumnFamilyDescriptor> result;
  result.emplace_back(rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions());
  for (auto family : {kEventsFamily, kStreamsFamily, kMetaFamily}) {
    result.emplace_back(std::string(family), family_options(family, cache));
  }
  return result;
}

// Distinguishes "not a store" from "a store" before RocksDB is asked to open
// anything, so that a wrong --data never creates files in a foreign directory.
Result<bool> store_exists(const fs::path& directory) {
  auto inspected = inspect_store_directory(directory);
  if (!inspected) return domain::fail(std::move(inspected.error()));
  return *inspected == StoreDirectory::kStore;
}

// RocksDB's IDENTITY file: the store's identity, as the primary reports it.
std::string read_identity_file(const fs::path& directory) {
  std::ifstream in(directory / "IDENTITY");
  std::string identity;
  std::getline(in, identity);
  while (!identity.empty() && std::isspace(static_cast<unsigned char>(identity.back())))
    identity.pop_back();
  return identity;
}

Error open_error(const rocksdb::Status& status, const fs::path& directory) {
  const std::string text = status.ToString();
  if (status.IsIOError() && (text.find("lock") != std::string::npos ||
                             text.find("Resource temporarily unavailable") != std::string::npos)) {
    return Error::unavailable(directory.string() +
                              " is locked by another process; stop it or open read-only");
  }
  return rocks_error(status, "opening " + directory.string());
}

bool family_is_empty(const RocksHandles& handles, rocksdb::ColumnFamilyHandle* family) {
  std::unique_ptr<rocksdb::Iterator> it(handles.db->NewIterator(rocksdb::ReadOptions(), family));
  it->SeekToFirst();
  return !it->Valid() && it->status().ok();
}

bool interrupted_creation(const RocksHandles& handles) {
  return family_is_empty(handles, handles.meta) && family_is_empty(handles, handles.events) &&
         family_is_empty(handles, handles.streams);
}

Result<void> check_format(const RocksHandles& handles, const fs::path& directory) {
  std::string value;
  auto status = handles.db->Get(rocksdb::ReadOptions(), handles.meta, kFormatKey, &value);
  if (status.IsNotFound() || value.size() != 8) {
    return domain::fail(Error::corruption(directory.string() +
                                          " has no valid store format marker; it is damaged or "
                                          "not a nyxmon store"));
  }
  if (!status.ok()) return domain::fail(rocks_error(status, "reading the store format"));
  const std::uint64_t version = read_big_endian(value);
  if (version > kStoreFormatVersion) {
    return domain::fail(
        Error::unsupported(directory.string() + " has store format version " +
                           std::to_string(version) + ", newer than this nyxmon reads (" +
                           std::to_string(kStoreFormatVersion) + "); upgrade nyxmon"));
  }
  return {};
}

std::uint64_t read_head(const RocksHandles& handles) {
  std::unique_ptr<rocksdb::Iterator> it(
      handles.db->NewIterator(rocksdb::ReadOptions(), handles.events));
  it->SeekToLast();
  if (!it->Valid()) return 0;
  return parse_sequence_key(std::string_view(it->key().data(), it->key().size())).value_or(0);
}

Result<void> validate_stream_name(std::string_view stream) {
  if (stream.empty() || stream.size() > kMaxStreamNameBytes ||
      stream.find('\0') != std::string_view::npos) {
    return domain::fail(
        Error::invalid_argument("stream name '" + std::string(stream.substr(0, 64)) +
                                "' is invalid: it must be 1 to 255 bytes without NUL characters"));
  }
  return {};
}

// Moves RocksDB's files from `from` into `to`, replacing leftovers of an
// earlier attempt; CURRENT, which makes a store of them, goes last.
void move_store_files(const fs::path& from, const fs::path& to, std::error_code& error) {
  for (const auto& entry : fs::directory_iterator(to, error)) {
    if (!is_engine_file(entry.path().filename().string())) fs::remove(entry.path(), error);
    if (error) return;
  }
  if (error) return;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(from, error))
    files.push_back(entry.path());
  if (error) return;
  std::stable_partition(files.begin(), files.end(),
                        [](const fs::path& file) { return file.filename() != "CURRENT"; });
  for (const auto& file : files) {
    fs::rename(file, to / file.filename(), error);
    if (error) return;
  }
}

// Creates an empty store at `directory` atomically: it is built in a
// directory of its own inside it (a service user may write nowhere else)
// and its files moved in, CURRENT last, so a crash leaves either no store
// or a complete one, never a half-made one.
Result<void> create_store(const fs::path& directory, const std::shared_ptr<rocksdb::Cache>& cache) {
  std::error_code error;
  fs::path target = fs::absolute(directory, error).lexically_normal();
  if (!target.has_filename()) target = target.parent_path();
  fs::create_directories(target, error);
  // What an interrupted creation left.
  for (const auto& entry : fs::directory_iterator(target, error)) {
    if (is_creation_leftover(entry.path().filename().string())) fs::remove_all(entry.path(), error);
  }
  const fs::path building = target / (std::string(kCreationPrefix) + std::to_string(::getpid()));
  fs::remove_all(building, error);

  rocksdb::DBOptions db_options;
  db_options.create_if_missing = true;
  db_options.create_missing_column_families = true;
  db_options.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  std::vector<rocksdb::ColumnFamilyHandle*> families;
  rocksdb::DB* db = nullptr;
  auto status =
      rocksdb::DB::Open(db_options, building.string(), descriptors(cache), &families, &db);
  if (!status.ok())
    return domain::fail(rocks_error(status, "creating a store in " + building.string()));
  std::string format;
  append_big_endian(format, kStoreFormatVersion);
  rocksdb::WriteOptions sync;
  sync.sync = true;
  status = db->Put(sync, families[3], kFormatKey, format);
  for (auto* family : families)
    db->DestroyColumnFamilyHandle(family);
  db->Close();
  delete db;
  if (!status.ok()) return domain::fail(rocks_error(status, "initialising " + building.string()));

  // The directory may hold the engine's own files (its sockets are bound
  // before the store is made): the store's files join them.
  move_store_files(building, target, error);
  if (!error) fs::remove_all(building, error);
  if (error) {
    std::error_code ignored;
    fs::remove_all(building, ignored);
    return domain::fail(
        Error::io("cannot create the store at " + target.string() + ": " + error.message()));
  }
  return {};
}

}  // namespace

EventStore::EventStore(std::unique_ptr<State> state) : state_(std::move(state)) {}
EventStore::~EventStore() = default;

namespace {

// Opens RocksDB on an existing store as the writer and checks its format.
Result<std::shared_ptr<RocksHandles>> open_rocks(const fs::path& directory,
                                                 const StoreOptions& options,
                                                 const std::shared_ptr<rocksdb::Cache>& cache,
                                                 std::unique_ptr<rocksdb::Env>& env) {
  rocksdb::DBOptions db_options;
  db_options.keep_log_file_num = 3;
  db_options.max_background_jobs = 2;
  // Compactions can wait; the writer and the flushes it depends on cannot.
  // The pool is the process's, so once is enough.
  static const bool compactions_lowered = [] {
    rocksdb::Env::Default()->LowerThreadPoolCPUPriority(rocksdb::Env::Priority::LOW);
    return true;
  }();
  (void)compactions_lowered;
  // Scans read whole tables: mapped files spare a read() and a copy per block.
  db_options.allow_mmap_reads = true;
  // One writer appends (the core thread); without concurrent memtable writes
  // RocksDB can use the streams family's insert hints.
  db_options.allow_concurrent_memtable_write = false;
  db_options.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  // RocksDB's default (point-in-time recovery) stops replaying the WAL at
  // the first damaged record and drops everything after it without a word;
  // the next append would then reuse those sequences. Here a record cut
  // short at the very end (a write that never completed, so never
  // acknowledged) is tolerated and any other damage refuses the open,
  // before anything is written. Repair salvages around the damage instead.
  db_options.wal_recovery_mode = options.salvage
                                     ? rocksdb::WALRecoveryMode::kSkipAnyCorruptedRecords
                                     : rocksdb::WALRecoveryMode::kTolerateCorruptedTailRecords;
  if (options.file_system) {
    if (!env) env = rocksdb::NewCompositeEnv(options.file_system);
    db_options.env = env.get();
  }

  auto handles = std::make_shared<RocksHandles>();
  std::vector<rocksdb::ColumnFamilyHandle*> families;
  rocksdb::DB* db = nullptr;
  auto status =
      rocksdb::DB::Open(db_options, directory.string(), descriptors(cache), &families, &db);
  if (!status.ok()) {
    if (status.IsCorruption()) {
      return domain::fail(Error::corruption(
          directory.string() + ": the write-ahead log is damaged (" + status.ToString() +
          "); nothing was changed. Run 'nyxmon repair --data " + directory.string() +
          "' to keep every intact event and record what was lost"));
    }
    return domain::fail(open_error(status, directory));
  }
  handles->db.reset(db);
  handles->default_family = families[0];
  handles->events = families[1];
  handles->streams = families[2];
  handles->meta = families[3];

  // A store whose creation was cut short before its marker (our families,
  // nothing in them) is completed rather than refused ever after.
  if (interrupted_creation(*handles)) {
    std::string format;
    append_big_endian(format, kStoreFormatVersion);
    rocksdb::WriteOptions sync;
    sync.sync = true;
    status = handles->db->Put(sync, handles->meta, kFormatKey, format);
    if (!status.ok())
      return domain::fail(rocks_error(status, "initialising " + directory.string()));
  }
  if (auto format = check_format(*handles, directory); !format) {
    return domain::fail(std::move(format.error()));
  }
  return handles;
}

// Refuses a log that ends before the high-water mark: its events are lost,
// and appending would give their sequences to others.
Result<void> check_high_water_mark(const fs::path& directory, const std::string& identity,
                                   std::uint64_t head) {
  const auto recorded = HighWaterMark::read(directory, identity);
  if (!recorded || *recorded <= head) return {};
  return domain::fail(Error::corruption(
      directory.string() + ": the log ends at sequence " + std::to_string(head) +
      " but events up to " + std::to_string(*recorded) +
      " were recorded: the write-ahead log lost events " + std::to_string(head + 1) + "-" +
      std::to_string(*recorded) + " (deleted or cut short). Run 'nyxmon repair --data " +
      directory.string() + "' to record the loss; those sequences will never be used again"));
}

}  // namespace

Result<std::unique_ptr<EventStore>> EventStore::open(const fs::path& directory,
                                                     const StoreOptions& options) {
  auto exists = store_exists(directory);
  if (!exists) return domain::fail(std::move(exists.error()));
  if (!*exists && !options.create_if_missing) {
    return domain::fail(Error::not_found("no nyxmon store at " + directory.string() +
                                         "; start the engine once to create it, or pass --data"));
  }
  auto cache = rocksdb::NewLRUCache(options.block_cache_bytes);
  if (!*exists) {
    if (auto created = create_store(directory, cache); !created) {
      return domain::fail(std::move(created.error()));
    }
  }

  auto state = std::make_unique<State>();
  auto handles = open_rocks(directory, options, cache, state->env);
  if (!handles) return domain::fail(std::move(handles.error()));
  state->directory = directory;
  state->options = options;
  state->cache = cache;
  state->write_options.sync = options.durability == Durability::kSync;
  state->head = read_head(**handles);
  if (auto identity = (*handles)->db->GetDbIdentity(state->identity); !identity.ok()) {
    return domain::fail(rocks_error(identity, "reading the identity of " + directory.string()));
  }
  if (!options.salvage) {
    if (auto checked = check_high_water_mark(directory, state->identity, state->head); !checked)
      return domain::fail(std::move(checked.error()));
  }
  auto mark = HighWaterMark::open(directory, state->identity);
  if (!mark) return domain::fail(std::move(mark.error()));
  state->mark.emplace(std::move(*mark));
  // Repair lowers nothing until it has recorded what was lost.
  if (!options.salvage) state->mark->record(state->head);
  state->handles = std::move(*handles);
  return std::unique_ptr<EventStore>(new EventStore(std::move(state)));
}

std::optional<Error> EventStore::write_failure() const {
  std::lock_guard writer(state_->write_mutex);
  return state_->write_failure;
}

Result<void> EventStore::reopen(std::chrono::milliseconds readers) {
  if (state_->secondary) {
    return domain::fail(Error::unavailable("this store is open read-only (secondary)"));
  }
  std::lock_guard writer(state_->write_mutex);
  if (state_->handles) {
    std::shared_future<void> closed = state_->handles->closed;
    std::weak_ptr<const RocksHandles> open = state_->handles;
    {
      std::lock_guard lock(state_->handles_mutex);
      state_->handles.reset();
    }
    if (closed.wait_for(readers) != std::future_status::ready) {
      std::lock_guard lock(state_->handles_mutex);
      state_->handles = open.lock();
      if (state_->handles) {
        return domain::fail(Error::unavailable("readers held the store for longer than " +
                                               std::to_string(readers.count()) +
                                               " ms; it was not opened again this time"));
      }
      closed.wait();  // the last reader is closing it right now
    }
  }
  auto handles = open_rocks(state_->directory, state_->options, state_->cache, state_->env);
  if (!handles) {
    if (!state_->write_failure) state_->write_failure = handles.error();
    return domain::fail(std::move(handles.error()));
  }
  const std::uint64_t head = read_head(**handles);
  if (auto checked = check_high_water_mark(state_->directory, state_->identity, head); !checked) {
    state_->write_failure = checked.error();
    return domain::fail(std::move(checked.error()));
  }
  {
    std::lock_guard lock(state_->handles_mutex);
    state_->handles = std::move(*handles);
  }
  state_->stream_heads.clear();  // read again from the index
  state_->write_failure.reset();
  {
    std::lock_guard lock(state_->head_mutex);
    state_->head = head;
  }
  return {};
}

Result<std::unique_ptr<EventStore>> EventStore::open_secondary(const fs::path& directory,
                                                               const fs::path& scratch_directory) {
  auto exists = store_exists(directory);
  if (!exists) return domain::fail(std::move(exists.error()));
  if (!*exists) {
    return domain::fail(Error::not_found("no nyxmon store at " + directory.string() +
                                         "; start the engine once to create it, or pass --data"));
  }
  std::error_code error;
  fs::create_directories(scratch_directory, error);

  auto cache = rocksdb::NewLRUCache(std::size_t{32} << 20);
  rocksdb::DBOptions db_options;
  db_options.max_open_files = -1;  // required of secondary instances
  db_options.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  auto handles = std::make_shared<RocksHandles>();
  std::vector<rocksdb::ColumnFamilyHandle*> families;
  rocksdb::DB* db = nullptr;
  auto status =
      rocksdb::DB::OpenAsSecondary(db_options, directory.string(), scratch_directory.string(),
                                   descriptors(cache), &families, &db);
  if (!status.ok()) return domain::fail(rocks_error(status, "opening " + directory.string()));
  handles->db.reset(db);
  handles->default_family = families[0];
  handles->events = families[1];
  handles->streams = families[2];
  handles->meta = families[3];
  if (!interrupted_creation(*handles)) {
    if (auto format = check_format(*handles, directory); !format) {
      return domain::fail(std::move(format.error()));
    }
  }

  auto state = std::make_unique<State>();
  state->directory = directory;
  state->secondary = true;
  state->head = read_head(*handles);
  // A secondary does not know its identity: the primary's IDENTITY file
  // does (empty when unreadable: no mark to compare with).
  state->identity = read_identity_file(directory);
  state->handles = std::move(handles);
  return std::unique_ptr<EventStore>(new EventStore(std::move(state)));
}

Result<AppendResult> EventStore::append(const AppendRequest& request) {
  auto results = append_all(std::span<const AppendRequest>(&request, 1));
  if (!results) return domain::fail(std::move(results.error()));
  return std::move(results->front());
}

Result<std::vector<AppendResult>> EventStore::append_all(std::span<const AppendRequest> requests) {
  if (state_->secondary) {
    return domain::fail(Error::unavailable(
        "this store is open read-only (secondary); write through the running engine"));
  }
  std::lock_guard writer(state_->write_mutex);
  if (state_->write_failure) return domain::fail(*state_->write_failure);
  return state_->append_locked(requests, {});
}

Result<std::vector<AppendResult>> EventStore::State::append_locked(
    std::span<const AppendRequest> requests,
    const std::function<void(rocksdb::WriteBatch&)>& extra) {
  const RocksHandles& rocks = *handles;
  const std::uint64_t group = ++group_number;
  std::vector<StreamHead*> touched;  // heads to commit once the batch is durable
  touched.reserve(requests.size());
  auto head_of = [&](const std::string& stream) -> StreamHead& {
    auto [it, inserted] = stream_heads.try_emplace(stream);
    if (inserted) {
      ReadView view(std::make_shared<ReadView::Pinned>(handles, nullptr), 0);
      it->second.committed = view.stream_version(stream);
    }
    return it->second;
  };

  std::uint64_t sequence;
  {
    std::lock_guard lock(head_mutex);
    sequence = head;
  }
  // Reserved up front: growing a batch of a thousand records copies it
  // several times over.
  std::size_t batch_bytes = 0;
  for (const AppendRequest& request : requests) {
    for (const NewEvent& event : request.events) {
      batch_bytes += event.payload.size() + 2 * request.stream.size() + kRecordOverheadBytes;
    }
  }
  rocksdb::WriteBatch batch(batch_bytes);
  if (extra) extra(batch);
  std::vector<AppendResult> results;
  results.reserve(requests.size());
  std::string record;
  std::string index_key;
  for (const AppendRequest& request : requests) {
    if (auto valid = validate_stream_name(request.stream); !valid) {
      return domain::fail(std::move(valid.error()));
    }
    StreamHead& stream_head = head_of(request.stream);
    std::uint64_t version =
        stream_head.group == group ? stream_head.pending : stream_head.committed;
    if (!request.expected.accepts(version)) {
      return domain::fail(
          Error::conflict("append to stream " + request.stream + " expected " +
                          request.expected.describe() + " but the stream is at " +
                          (version == 0 ? "no stream" : "version " + std::to_string(version))));
    }
    AppendResult result{request.stream, 0, 0, version};
    index_key = stream_prefix(request.stream);
    const std::size_t prefix_size = index_key.size();
    for (const NewEvent& event : request.events) {
      ++sequence;
      ++version;
      record.clear();
      encode_record(sequence, request.stream, version, event, record);
      const std::string key = sequence_key(sequence);
      index_key.resize(prefix_size);
      append_big_endian(index_key, version);
      batch.Put(rocks.events, key, record);
      batch.Put(rocks.streams, index_key, key);
      if (result.first_sequence == 0) result.first_sequence = sequence;
      result.last_sequence = sequence;
    }
    result.stream_version = version;
    if (stream_head.group != group) {
      stream_head.group = group;
      touched.push_back(&stream_head);
    }
    stream_head.pending = version;
    results.push_back(std::move(result));
  }

  auto status = rocks.db->Write(write_options, &batch);
  if (!status.ok()) {
    write_failure = rocks_error(status, "appending to the log");
    return domain::fail(*write_failure);
  }

  for (StreamHead* touched_head : touched)
    touched_head->committed = touched_head->pending;
  if (mark) {
    mark->record(sequence);
    mark->sync(false);
  }
  {
    std::lock_guard lock(head_mutex);
    head = sequence;
  }
  head_advanced.notify_all();
  return results;
}

std::uint64_t EventStore::head() const {
  std::lock_guard lock(state_->head_mutex);
  return state_->head;
}

ReadView EventStore::read_view() const {
  const auto handles = state_->live();
  if (!handles) return ReadView(nullptr, 0);
  // A secondary instance cannot pin snapshots; it changes only in catch_up(),
  // so between two catch-ups its reads are consistent without one.
  auto pinned = std::make_shared<ReadView::Pinned>(
      handles, state_->secondary ? nullptr : handles->db->GetSnapshot());
  rocksdb::ReadOptions options = pinned->options();
  std::unique_ptr<rocksdb::Iterator> it(handles->db->NewIterator(options, handles->events));
  it->SeekToLast();
  std::uint64_t head = 0;
  if (it->Valid()) {
    head = parse_sequence_key(std::string_view(it->key().data(), it->key().size())).value_or(0);
  }
  return ReadView(std::move(pinned), head);
}

bool EventStore::wait_for(std::uint64_t after_sequence, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(state_->head_mutex);
  return state_->head_advanced.wait_for(lock, timeout,
                                        [&] { return state_->head > after_sequence; });
}

Result<std::uint64_t> EventStore::catch_up() {
  if (!state_->secondary) return head();
  const auto& handles = state_->handles;
  auto status = handles->db->TryCatchUpWithPrimary();
  if (!status.ok()) return domain::fail(rocks_error(status, "catching up with the engine"));
  const std::uint64_t head = read_head(*handles);
  {
    std::lock_guard lock(state_->head_mutex);
    state_->head = head;
  }
  state_->head_advanced.notify_all();
  return head;
}

Result<void> EventStore::put_snapshot(std::string_view projection, std::uint64_t sequence,
                                      std::string_view bytes) {
  if (state_->secondary) {
    return domain::fail(Error::unavailable("this store is open read-only (secondary)"));
  }
  std::lock_guard writer(state_->write_mutex);
  if (state_->write_failure) return domain::fail(*state_->write_failure);
  const auto& handles = *state_->handles;
  auto status =
      handles.db->Put(state_->write_options, handles.meta, snapshot_key(projection, sequence),
                      rocksdb::Slice(bytes.data(), bytes.size()));
  if (!status.ok()) {
    state_->write_failure = rocks_error(status, "storing a snapshot");
    return domain::fail(*state_->write_failure);
  }
  return {};
}

Result<std::optional<ProjectionSnapshot>> EventStore::snapshot_at_or_before(
    std::string_view projection, std::uint64_t sequence) const {
  auto database = state_->database();
  if (!database) return domain::fail(std::move(database.error()));
  const auto& handles = **database;
  std::unique_ptr<rocksdb::Iterator> it(
      handles.db->NewIterator(rocksdb::ReadOptions(), handles.meta));
  const std::string prefix = snapshot_prefix(projection);
  it->SeekForPrev(snapshot_key(projection, sequence));
  if (!it->status().ok()) return domain::fail(rocks_error(it->status(), "reading snapshots"));
  if (!it->Valid() || !it->key().starts_with(prefix) || it->key().size() != prefix.size() + 8) {
    return std::optional<ProjectionSnapshot>{};
  }
  ProjectionSnapshot snapshot;
  snapshot.sequence = read_big_endian(std::string_view(it->key().data() + prefix.size(), 8));
  snapshot.bytes.assign(it->value().data(), it->value().size());
  return std::optional<ProjectionSnapshot>(std::move(snapshot));
}

Result<void> EventStore::flush() {
  if (state_->secondary) return {};
  if (auto failed = write_failure()) return domain::fail(std::move(*failed));
  auto database = state_->database();
  if (!database) return domain::fail(std::move(database.error()));
  const auto& handles = **database;
  auto status =
      handles.db->Flush(rocksdb::FlushOptions(), {handles.events, handles.streams, handles.meta});
  if (!status.ok()) return domain::fail(rocks_error(status, "flushing"));
  return {};
}

Result<std::uint64_t> EventStore::remove_before(
    std::uint64_t before_sequence, domain::Timestamp horizon,
    const std::function<bool(const RecordView&)>& removable, const ProgressCallback& progress) {
  if (state_->secondary) {
    return domain::fail(Error::unavailable("this store is open read-only (secondary)"));
  }
  auto previous = truncation();
  if (!previous) return domain::fail(std::move(previous.error()));
  std::lock_guard writer(state_->write_mutex);
  if (state_->write_failure) return domain::fail(*state_->write_failure);
  const auto& handles = *state_->handles;
  const ReadView view = read_view();
  std::uint64_t removed = 0;
  rocksdb::WriteBatch batch;
  auto commit = [&]() -> Result<void> {
    auto status = handles.db->Write(state_->write_options, &batch);
    if (!status.ok()) {
      state_->write_failure = rocks_error(status, "removing old events");
      return domain::fail(*state_->write_failure);
    }
    batch.Clear();
    return {};
  };
  std::uint64_t next = 1;
  while (next < before_sequence) {
    std::optional<Error> failure;
    auto visited = view.scan(next, 65536, [&](const RecordView& record) {
      if (record.sequence >= before_sequence) return false;
      next = record.sequence + 1;
      if (!removable(record)) return true;
      batch.Delete(handles.events, sequence_key(record.sequence));
      batch.Delete(handles.streams, stream_key(record.stream, record.stream_version));
      ++removed;
      return true;
    });
    if (!visited) return domain::fail(std::move(visited.error()));
    if (*visited == 0) break;
    if (auto committed = commit(); !committed) return domain::fail(std::move(committed.error()));
    if (progress) progress(next - 1, before_sequence - 1);
    if (next >= before_sequence || *visited < 65536) break;
  }
  std::string value;
  append_big_endian(value, std::max(before_sequence, previous->before_sequence));
  append_big_endian(value, static_cast<std::uint64_t>(
                               domain::to_unix_nanos(std::max(horizon, previous->horizon))));
  batch.Put(handles.meta, kTruncatedKey, value);
  if (auto committed = commit(); !committed) return domain::fail(std::move(committed.error()));
  return removed;
}

Result<EventStore::Truncation> EventStore::truncation() const {
  auto database = state_->database();
  if (!database) return domain::fail(std::move(database.error()));
  const auto& handles = **database;
  std::string value;
  auto status = handles.db->Get(rocksdb::ReadOptions(), handles.meta, kTruncatedKey, &value);
  if (status.IsNotFound()) return Truncation{};
  if (!status.ok()) return domain::fail(rocks_error(status, "reading the retention mark"));
  if (value.size() != 16)
    return domain::fail(Error::corruption("the retention mark in meta is not 16 bytes"));
  return Truncation{read_big_endian(std::string_view(value).substr(0, 8)),
                    domain::from_unix_nanos(static_cast<std::int64_t>(
                        read_big_endian(std::string_view(value).substr(8, 8))))};
}

Result<void> EventStore::compact() {
  if (auto flushed = flush(); !flushed) return flushed;
  if (state_->secondary) return {};
  auto database = state_->database();
  if (!database) return domain::fail(std::move(database.error()));
  const auto& handles = **database;
  rocksdb::CompactRangeOptions options;
  options.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
  for (auto* family : {handles.events, handles.streams, handles.meta}) {
    auto status = handles.db->CompactRange(options, family, nullptr, nullptr);
    if (!status.ok()) return domain::fail(rocks_error(status, "compacting"));
  }
  return {};
}

bool EventStore::is_secondary() const {
  return state_->secondary;
}
const fs::path& EventStore::directory() const {
  return state_->directory;
}

}  // namespace nyxmon::infra::eventstore
