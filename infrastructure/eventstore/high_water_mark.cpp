#include "infrastructure/eventstore/high_water_mark.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <utility>

#include "infrastructure/eventstore/crc32c.hpp"
#include "infrastructure/eventstore/store_format.hpp"

namespace nyxmon::infra::eventstore {

namespace {

// magic (8) | big-endian sequence (8) | identity, zero-padded (40) | CRC-32C
// of what comes before, big-endian (4).
constexpr std::string_view kMagic = "NYXHEAD1";
constexpr std::size_t kSequenceAt = 8;
constexpr std::size_t kIdentityAt = 16;
constexpr std::size_t kIdentityBytes = 40;
constexpr std::size_t kCrcAt = kIdentityAt + kIdentityBytes;
constexpr std::size_t kFileBytes = kCrcAt + 4;

std::string padded(const std::string& identity) {
  std::string bytes = identity.substr(0, kIdentityBytes);
  bytes.resize(kIdentityBytes, '\0');
  return bytes;
}

void put_big_endian(char* at, std::uint64_t value, std::size_t bytes) {
  for (std::size_t i = 0; i < bytes; ++i)
    at[i] = static_cast<char>((value >> (8 * (bytes - 1 - i))) & 0xff);
}

std::optional<std::uint64_t> decode(std::string_view bytes, const std::string& identity) {
  if (bytes.size() != kFileBytes || !bytes.starts_with(kMagic)) return std::nullopt;
  std::uint32_t stored = 0;
  for (std::size_t i = kCrcAt; i < kFileBytes; ++i)
    stored = (stored << 8) | static_cast<unsigned char>(bytes[i]);
  if (crc32c(bytes.substr(0, kCrcAt)) != stored) return std::nullopt;
  if (bytes.substr(kIdentityAt, kIdentityBytes) != padded(identity)) return std::nullopt;
  return read_big_endian(bytes.substr(kSequenceAt, 8));
}

}  // namespace

std::optional<std::uint64_t> HighWaterMark::read(const std::filesystem::path& directory,
                                                 const std::string& identity) {
  const int fd = ::open((directory / kHighWaterMarkFile).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  system::OwnedDescriptor file(fd);
  std::array<char, kFileBytes + 1> buffer{};
  const ssize_t got = ::pread(file.get(), buffer.data(), buffer.size(), 0);
  if (got != static_cast<ssize_t>(kFileBytes)) return std::nullopt;
  return decode(std::string_view(buffer.data(), kFileBytes), identity);
}

domain::Result<HighWaterMark> HighWaterMark::open(const std::filesystem::path& directory,
                                                  std::string identity) {
  const auto path = directory / kHighWaterMarkFile;
  auto failed = [&path](const char* doing) {
    return domain::fail(domain::Error::io("cannot " + std::string(doing) + " " + path.string() +
                                          ": " + std::strerror(errno)));
  };
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return failed("open");
  system::OwnedDescriptor file(fd);
  if (::ftruncate(file.get(), kFileBytes) != 0) return failed("size");
  void* mapped = ::mmap(nullptr, kFileBytes, PROT_READ | PROT_WRITE, MAP_SHARED, file.get(), 0);
  if (mapped == MAP_FAILED) return failed("map");
  HighWaterMark mark;
  mark.file_ = std::move(file);
  mark.mapped_ = static_cast<char*>(mapped);
  mark.identity_ = std::move(identity);
  // A mark of another store (or none yet) is replaced: magic and identity
  // are written once, the sequence and checksum on every record().
  std::memcpy(mark.mapped_, kMagic.data(), kMagic.size());
  std::memcpy(mark.mapped_ + kIdentityAt, padded(mark.identity_).data(), kIdentityBytes);
  mark.synced_at_ = std::chrono::steady_clock::now();
  return mark;
}

HighWaterMark::HighWaterMark(HighWaterMark&& other) noexcept
    : file_(std::move(other.file_)),
      mapped_(std::exchange(other.mapped_, nullptr)),
      identity_(std::move(other.identity_)),
      recorded_(other.recorded_),
      unsynced_(other.unsynced_),
      synced_at_(other.synced_at_) {}

HighWaterMark::~HighWaterMark() {
  if (!mapped_) return;
  sync(true);
  ::munmap(mapped_, kFileBytes);
}

void HighWaterMark::record(std::uint64_t sequence) {
  if (!mapped_ || (sequence == recorded_ && recorded_ != 0)) return;
  // A store through the shared mapping: in the page cache at once, so it
  // survives the process being killed, without a system call per append.
  put_big_endian(mapped_ + kSequenceAt, sequence, 8);
  put_big_endian(mapped_ + kCrcAt, crc32c(std::string_view(mapped_, kCrcAt)), 4);
  recorded_ = sequence;
  unsynced_ = true;
}

void HighWaterMark::sync(bool now) {
  if (!unsynced_ || !mapped_) return;
  const auto at = std::chrono::steady_clock::now();
  if (!now && at - synced_at_ < std::chrono::seconds(1)) return;
  if (::msync(mapped_, kFileBytes, MS_SYNC) == 0) unsynced_ = false;
  synced_at_ = at;
}

}  // namespace nyxmon::infra::eventstore
