#include "infrastructure/runtime/view_publishing.hpp"

namespace nyxmon::infra::runtime {

ViewPublishing::ViewPublishing(const CoreLoop& core, std::string version,
                               domain::Timestamp started_at, std::uint64_t events_lost)
    : core_(core),
      version_(std::move(version)),
      started_at_(started_at),
      events_lost_(events_lost) {}

void ViewPublishing::on_batch(std::span<const domain::Command>, const domain::BatchResult& batch) {
  if (!batch.storage_error) builder_.observe(batch.appended);
}

void ViewPublishing::publish(bool now) {
  const auto at = std::chrono::steady_clock::now();
  const auto age = at - published_at_;
  if (!now && !(views_.wanted() && age >= api::ViewPublisher::kMaxAge) &&
      !(age >= api::ViewPublisher::kRenewUnread && builder_.has_changes())) {
    return;
  }
  const StoreOutage& outage = core_.outage();
  api::EngineContext context{
      version_, started_at_, core_.in_flight(), core_.max_in_flight(),
      api::StoreHealth{outage.recording(), outage.problem(), outage.held(), events_lost_}};
  if (views_.publish(builder_.build(core_.projections(), context, clock_.now()), now))
    published_at_ = at;
}

}  // namespace nyxmon::infra::runtime
