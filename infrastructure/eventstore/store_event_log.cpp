#include "infrastructure/eventstore/store_event_log.hpp"

#include "infrastructure/eventstore/domain_codec.hpp"

namespace nyxmon::infra::eventstore {

domain::Result<std::vector<domain::Envelope>> StoreEventLog::append(
    const std::vector<domain::Event>& events, domain::Timestamp recorded_at) {
  const DomainCodec& codec = DomainCodec::instance();
  std::vector<AppendRequest> requests;
  std::vector<std::string> streams;
  streams.reserve(events.size());
  for (const domain::Event& event : events) {
    std::string stream = domain::stream_for(event);
    if (requests.empty() || requests.back().stream != stream) {
      requests.push_back(AppendRequest{stream, ExpectedVersion::any(), {}});
    }
    requests.back().events.push_back(codec.encode(event, recorded_at));
    streams.push_back(std::move(stream));
  }
  auto results = store_.append_all(requests);
  if (!results) return domain::fail(std::move(results.error()));

  std::vector<domain::Envelope> envelopes;
  envelopes.reserve(events.size());
  std::size_t index = 0;
  for (std::size_t r = 0; r < requests.size(); ++r) {
    const AppendResult& result = (*results)[r];
    const std::size_t count = requests[r].events.size();
    for (std::size_t i = 0; i < count; ++i, ++index) {
      envelopes.push_back(domain::Envelope{result.first_sequence + i, std::move(streams[index]),
                                           result.stream_version - count + 1 + i, recorded_at,
                                           events[index]});
    }
  }
  return envelopes;
}

}  // namespace nyxmon::infra::eventstore
