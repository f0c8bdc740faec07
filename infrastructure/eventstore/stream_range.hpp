// stream_range.hpp — a stretch of one stream's events, found without
// reading the stream from its start: a stream's versions follow the log's
// sequence, and so its recorded-at times, so a binary search over versions
// finds where a sequence or an instant falls. What the check page reads
// for its chart, its status steps and the runs before a past instant.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "domain/error.hpp"
#include "domain/events/envelope.hpp"
#include "domain/time.hpp"
#include "infrastructure/eventstore/read_view.hpp"

namespace nyxmon::infra::eventstore {

// The newest version of `stream` whose event has a sequence ≤
// `until_sequence`; 0 when there is none.
domain::Result<std::uint64_t> last_version_until(const ReadView& view, std::string_view stream,
                                                 std::uint64_t until_sequence);

// The oldest version of `stream` recorded at or after `since`; one past the
// newest when none is.
domain::Result<std::uint64_t> first_version_since(const ReadView& view, std::string_view stream,
                                                  domain::Timestamp since);

// The events of `stream` with versions in [first, last], decoded, oldest
// first; at most `limit` of them, the newest when there are more.
domain::Result<std::vector<domain::Envelope>> read_stream_range(const ReadView& view,
                                                                std::string_view stream,
                                                                std::uint64_t first,
                                                                std::uint64_t last,
                                                                std::size_t limit);

}  // namespace nyxmon::infra::eventstore
