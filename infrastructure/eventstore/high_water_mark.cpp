#include "infrastructure/eventstore/high_water_mark.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "infrastructure/eventstore/crc32c.hpp"
#include "infrastructure/eventstore/store_format.hpp"

namespace nyxmon::infra::eventstore {

namespace {

constexpr std::string_view kMagic = "NYXHEAD1";
constexpr std::size_t kIdentityBytes = 40;
constexpr std::size_t kFileBytes = 8 + 8 + kIdentityBytes + 4;

std::string encode(std::uint64_t sequence, const std::string& identity) {
  std::string bytes(kMagic);
  append_big_endian(bytes, sequence);
  std::string padded = identity.substr(0, kIdentityBytes);
  padded.resize(kIdentityBytes, '\0');
  bytes += padded;
  const std::uint32_t crc = crc32c(bytes);
  for (int shift = 24; shift >= 0; shift -= 8)
    bytes.push_back(static_cast<char>((crc >> shift) & 0xff));
  return bytes;
}

std::optional<std::uint64_t> decode(std::string_view bytes, const std::string& identity) {
  if (bytes.size() != kFileBytes || !bytes.starts_with(kMagic)) return std::nullopt;
  const std::string_view body = bytes.substr(0, kFileBytes - 4);
  std::uint32_t stored = 0;
  for (std::size_t i = kFileBytes - 4; i < kFileBytes; ++i)
    stored = (stored << 8) | static_cast<unsigned char>(bytes[i]);
  if (crc32c(body) != stored) return std::nullopt;
  std::string padded = identity.substr(0, kIdentityBytes);
  padded.resize(kIdentityBytes, '\0');
  if (bytes.substr(16, kIdentityBytes) != padded) return std::nullopt;
  return read_big_endian(bytes.substr(8, 8));
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
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return domain::fail(
        domain::Error::io("cannot open " + path.string() + ": " + std::strerror(errno)));
  }
  HighWaterMark mark;
  mark.file_ = system::OwnedDescriptor(fd);
  mark.identity_ = std::move(identity);
  mark.synced_at_ = std::chrono::steady_clock::now();
  return mark;
}

HighWaterMark::~HighWaterMark() {
  if (file_) sync(true);
}

void HighWaterMark::record(std::uint64_t sequence) {
  if (sequence == recorded_ || !file_) return;
  const std::string bytes = encode(sequence, identity_);
  if (::pwrite(file_.get(), bytes.data(), bytes.size(), 0) != static_cast<ssize_t>(bytes.size())) {
    if (!failed_) {
      fmt::print(stderr, "nyxmon: cannot update {}: {} (the log itself is fine)\n",
                 kHighWaterMarkFile, std::strerror(errno));
    }
    failed_ = true;
    return;
  }
  recorded_ = sequence;
  unsynced_ = true;
}

void HighWaterMark::sync(bool now) {
  if (!unsynced_ || !file_) return;
  const auto at = std::chrono::steady_clock::now();
  if (!now && at - synced_at_ < std::chrono::seconds(1)) return;
  if (::fdatasync(file_.get()) == 0) unsynced_ = false;
  synced_at_ = at;
}

}  // namespace nyxmon::infra::eventstore
