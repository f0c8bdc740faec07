#include <gtest/gtest.h>

#include "domain/serialization/byte_reader.hpp"
#include "domain/serialization/byte_writer.hpp"
#include "domain/status.hpp"
#include "domain/time.hpp"

namespace nyxmon::domain {
namespace {

struct Inner {
  std::string name;
  std::optional<int> code;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(name, code);
  }
  bool operator==(const Inner&) const = default;
};

struct Everything {
  bool flag = false;
  Status status = Status::kPending;
  std::uint64_t count = 0;
  double ratio = 0;
  Duration took{};
  Timestamp at{};
  std::vector<Inner> inners;
  std::map<std::string, std::int32_t> counters;
  std::variant<std::monostate, Inner, std::string> choice;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(flag, status, count, ratio, took, at, inners, counters, choice);
  }
  bool operator==(const Everything&) const = default;
};

Everything sample() {
  Everything value;
  value.flag = true;
  value.status = Status::kDegraded;
  value.count = 1ull << 40;
  value.ratio = 0.25;
  value.took = std::chrono::milliseconds(1500);
  value.at = from_unix_nanos(1'764'000'000'123'456'789);
  value.inners = {{"a", 1}, {"b", std::nullopt}};
  value.counters = {{"x", -3}, {"y", 7}};
  value.choice = Inner{"chosen", 42};
  return value;
}

TEST(ByteArchive, RoundTripsEveryKindOfField) {
  std::string bytes;
  ByteWriter writer(bytes);
  const Everything original = sample();
  writer(original);

  ByteReader reader(bytes);
  Everything copy;
  reader(copy);
  EXPECT_TRUE(reader.ok());
  EXPECT_TRUE(reader.at_end());
  EXPECT_EQ(copy, original);
}

TEST(ByteArchive, SameValueGivesSameBytes) {
  std::string first, second;
  ByteWriter{first}(sample());
  ByteWriter{second}(sample());
  EXPECT_EQ(first, second);
}

TEST(ByteArchive, TruncatedInputIsReportedNotOverread) {
  std::string bytes;
  ByteWriter{bytes}(sample());
  for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
    ByteReader reader(std::string_view(bytes).substr(0, cut));
    Everything copy;
    reader(copy);
    EXPECT_FALSE(reader.ok()) << "cut at " << cut;
  }
}

TEST(ByteArchive, AnAbsurdLengthIsCorruptionNotAnAllocation) {
  std::string bytes;
  ByteWriter writer(bytes);
  writer(std::uint32_t{0xFFFFFFF0});  // a vector length far beyond the input
  ByteReader reader(bytes);
  std::vector<std::string> values;
  reader(values);
  EXPECT_FALSE(reader.ok());
  EXPECT_TRUE(values.empty());
}

}  // namespace
}  // namespace nyxmon::domain
