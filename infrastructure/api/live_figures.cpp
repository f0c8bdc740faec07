#include "infrastructure/api/live_figures.hpp"

#include <chrono>

namespace nyxmon::infra::api {

using namespace nyxmon::domain;

LiveFigures::LiveFigures()
    : batch_sizes_({1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000}),
      scheduling_lag_(
          {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}) {}

void LiveFigures::observe(std::span<const Envelope> batch) {
  if (batch.empty()) return;
  ++batches_;
  events_ += batch.size();
  batch_sizes_.observe(static_cast<double>(batch.size()));
  for (const Envelope& envelope : batch) {
    if (const auto* recorded = std::get_if<CheckResultRecorded>(&envelope.event)) {
      PerCheck& figures = add_run(*recorded);
      ++figures.outcomes[static_cast<std::size_t>(recorded->result.outcome) % 4];
      scheduling_lag_.observe(
          std::chrono::duration<double>(recorded->result.scheduling_lag).count());
    } else if (const auto* removed = std::get_if<CheckRemoved>(&envelope.event)) {
      checks_.erase(removed->check);
    }
  }
}

LiveFigures::PerCheck& LiveFigures::add_run(const CheckResultRecorded& recorded) {
  PerCheck& figures = checks_[recorded.check];
  figures.last_.replace(recorded.result);
  figures.runs_.writable().add(recorded.result);
  return figures;
}

void LiveFigures::recall(const Envelope& envelope) {
  if (const auto* recorded = std::get_if<CheckResultRecorded>(&envelope.event)) add_run(*recorded);
}

const LiveFigures::PerCheck* LiveFigures::check(const CheckId& id) const {
  const auto it = checks_.find(id);
  return it == checks_.end() ? nullptr : &it->second;
}

}  // namespace nyxmon::infra::api
