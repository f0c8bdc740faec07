#include "infrastructure/api/past_view.hpp"

#include "infrastructure/api/view_builder.hpp"
#include "infrastructure/eventstore/projection_loader.hpp"

namespace nyxmon::infra::api {

using namespace nyxmon::domain;

Result<std::shared_ptr<const EngineView>> PastViews::at(Timestamp instant,
                                                        const std::string& version) {
  const auto log = store_.read_view();
  auto sequence = eventstore::sequence_at(log, instant);
  if (!sequence) return fail(std::move(sequence.error()));
  {
    std::lock_guard lock(mutex_);
    for (const Kept& kept : kept_) {
      if (kept.sequence == *sequence && kept.instant == instant) return kept.view;
    }
  }
  auto loaded = eventstore::load_projections(store_, log, *sequence);
  if (!loaded) return fail(std::move(loaded.error()));
  ViewBuilder builder;
  auto recalled = builder.recall(log, *sequence, loaded->projections,
                                 std::chrono::steady_clock::now() + kRecallBudget);
  if (!recalled) return fail(std::move(recalled.error()));
  EngineContext context;
  context.version = version;
  auto view = builder.build(loaded->projections, context, instant);
  std::lock_guard lock(mutex_);
  kept_.push_back(Kept{*sequence, instant, view});
  if (kept_.size() > kKept) kept_.pop_front();
  return view;
}

}  // namespace nyxmon::infra::api
