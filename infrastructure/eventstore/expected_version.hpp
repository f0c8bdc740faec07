// expected_version.hpp — optimistic concurrency for one stream append.
//
// The writer states what it believes the stream's current version to be; the
// store checks it (under its single writer) and rejects the whole append on a
// mismatch, writing nothing.
#pragma once

#include <cstdint>
#include <string>

namespace nyxmon::infra::eventstore {

class ExpectedVersion {
 public:
  // Accept whatever the stream's version is, including no stream.
  static ExpectedVersion any() { return ExpectedVersion(Kind::kAny, 0); }
  // The stream must not exist yet (version 0).
  static ExpectedVersion no_stream() { return ExpectedVersion(Kind::kExact, 0); }
  // The stream's newest event must have exactly this version.
  static ExpectedVersion exactly(std::uint64_t version) {
    return ExpectedVersion(Kind::kExact, version);
  }

  bool accepts(std::uint64_t actual) const { return kind_ == Kind::kAny || actual == version_; }

  // "any", "no stream" or "version 7", for error messages.
  std::string describe() const {
    if (kind_ == Kind::kAny) return "any";
    if (version_ == 0) return "no stream";
    return "version " + std::to_string(version_);
  }

 private:
  enum class Kind { kAny, kExact };
  ExpectedVersion(Kind kind, std::uint64_t version) : kind_(kind), version_(version) {}

  Kind kind_;
  std::uint64_t version_;
};

}  // namespace nyxmon::infra::eventstore
