#include "infrastructure/runtime/core_loop.hpp"

#include <algorithm>
#include <limits>

namespace nyxmon::infra::runtime {

using namespace nyxmon::domain;

namespace {
using SteadyClock = std::chrono::steady_clock;

// A time on the system clock as the steady time the inbox waits until.
SteadyClock::time_point steady_at(Timestamp at, Timestamp now) {
  const auto until = std::chrono::duration_cast<SteadyClock::duration>(at - now);
  return SteadyClock::now() + std::max(until, SteadyClock::duration::zero());
}
}  // namespace

CoreLoop::CoreLoop(eventstore::EventStore& store, projections::Projections state,
                   std::size_t max_in_flight)
    : store_(store),
      log_(store),
      projections_(std::move(state)),
      bus_(log_, projections_),
      max_in_flight_(max_in_flight) {}

void CoreLoop::submit(Command command, Reply reply) {
  inbox_.push(InboxItem{std::move(command), std::move(reply), false});
}

void CoreLoop::submit(ControlWork work, Reply reply) {
  inbox_.push(InboxItem{std::move(work.work), std::move(reply), false});
}

void CoreLoop::report_result(RecordResult result) {
  inbox_.push(InboxItem{Command(std::move(result)), {}, true});
}

void CoreLoop::request_stop(std::string reason) {
  {
    std::lock_guard lock(stop_mutex_);
    if (stop_reason_.empty()) stop_reason_ = std::move(reason);
  }
  stop_requested_ = true;
  inbox_.interrupt();
}

BatchResult CoreLoop::dispatch(std::vector<InboxItem>& items) {
  std::vector<Command> commands;
  std::vector<std::pair<std::size_t, std::size_t>> spans;  // per item: first command, count
  for (auto& item : items) {
    const std::size_t first = commands.size();
    if (auto* command = std::get_if<Command>(&item.work)) {
      commands.push_back(std::move(*command));
    } else {
      for (auto& expanded : std::get<CommandExpander>(item.work)(projections_)) {
        commands.push_back(std::move(expanded));
      }
    }
    spans.emplace_back(first, commands.size() - first);
  }
  BatchResult batch = bus_.dispatch(commands, clock_.now());
  if (batch.storage_error) {
    outage_.begin(*batch.storage_error);
    for (std::size_t c = 0; c < commands.size(); ++c) {
      if (StoreOutage::waits_for_the_store(commands[c]) && batch.outcomes[c].not_recorded) {
        outage_.hold(commands[c]);
      }
    }
  }
  events_appended_ += batch.appended.size();

  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto [first, count] = spans[i];
    if (items[i].from_probe) --in_flight_;
    CommandOutcome combined;
    for (std::size_t c = first; c < first + count; ++c) {
      const CommandOutcome& outcome = batch.outcomes[c];
      if (!outcome.accepted()) {
        if (const auto* run = std::get_if<RunCheck>(&commands[c])) projections_.requeue(run->check);
        if (!combined.rejection) combined.rejection = outcome.rejection;
      }
      combined.event_count += outcome.event_count;
    }
    if (items[i].reply) replies_.emplace_back(std::move(items[i].reply), combined);
  }
  if (batch.storage_error) {
    // Nothing was applied: due checks go back into the schedule.
    for (const Command& command : commands) {
      if (const auto* run = std::get_if<RunCheck>(&command)) projections_.requeue(run->check);
    }
  } else {
    for (const Effect& effect : batch.effects)
      execute(effect);
  }
  for (CorePart* part : parts_)
    part->on_batch(commands, batch);
  return batch;
}

void CoreLoop::execute(const Effect& effect) {
  std::visit(
      [this](const StartProbe& probe) {
        ++in_flight_;
        probes_->start(probe.spec, probe.run, probe.due_at);
      },
      effect);
}

void CoreLoop::apply_recorded(const Envelope& envelope) {
  projections_.apply(envelope);
  events_appended_ += 1;
}

void CoreLoop::hold_or_refuse(std::vector<InboxItem>& items) {
  CommandOutcome refused;
  refused.rejection =
      Error::unavailable("not recorded: the store cannot record now (" + outage_.problem() + ")");
  refused.not_recorded = true;
  for (auto& item : items) {
    if (item.from_probe) --in_flight_;
    if (auto* command = std::get_if<Command>(&item.work)) {
      if (StoreOutage::waits_for_the_store(*command)) {
        outage_.hold(std::move(*command));
        continue;
      }
      if (const auto* run = std::get_if<RunCheck>(command)) projections_.requeue(run->check);
    }
    if (item.reply) replies_.emplace_back(std::move(item.reply), refused);
  }
  items.clear();
}

void CoreLoop::try_to_record_again(bool now) {
  auto held = outage_.try_to_end(store_, now);
  if (!held) return;
  std::vector<InboxItem> items;
  items.reserve(held->size());
  for (auto& command : *held)
    items.push_back(InboxItem{std::move(command), {}, false});
  dispatch(items);
  outage_.ended(items.size());
}

void CoreLoop::end_turn() {
  for (CorePart* part : parts_)
    part->before_replies(!replies_.empty());
  for (auto& [reply, outcome] : replies_)
    reply(outcome);
  replies_.clear();
}

std::string CoreLoop::run() {
  std::vector<InboxItem> items;
  SteadyClock::time_point paced_until{};  // no turn before this, unless stopping
  while (!stop_requested_) {
    const Timestamp now = clock_.now();
    items.clear();
    const std::size_t capacity = max_in_flight_ > in_flight_ ? max_in_flight_ - in_flight_ : 0;
    try_to_record_again(false);
    auto wake = SteadyClock::now() + std::chrono::seconds(1);
    if (outage_.recording()) {
      for (const auto& due : projections_.schedule().pop_due(now, capacity)) {
        items.push_back(InboxItem{Command(RunCheck{due.check, due.due_at}), {}, false});
      }
      for (CorePart* part : parts_) {
        if (auto next = part->on_turn(now)) wake = std::min(wake, steady_at(*next, now));
      }
    } else {
      wake = std::min(wake, outage_.next_attempt());
    }
    if (!items.empty()) {
      wake = SteadyClock::now();
    } else if (auto next = projections_.schedule().next();
               next && capacity > 0 && outage_.recording()) {
      wake = std::max(std::min(wake, steady_at(next->due_at, now)), paced_until);
    }
    inbox_.drain_until(items, 4096, wake, paced_until);
    if (items.empty()) {
      end_turn();
      continue;
    }
    paced_until = SteadyClock::now() + kTurnQuantum;
    if (outage_.recording())
      dispatch(items);
    else
      hold_or_refuse(items);
    end_turn();
    if (!outage_.recording()) continue;
    for (CorePart* part : parts_)
      part->after_recorded_turn(clock_.now());
  }
  std::lock_guard lock(stop_mutex_);
  return stop_reason_;
}

void CoreLoop::record_only(const std::function<bool(const Command&)>& keep,
                           const std::function<bool()>& more, SteadyClock::time_point until) {
  std::vector<InboxItem> items;
  while (more() && SteadyClock::now() < until) {
    items.clear();
    inbox_.drain_until(items, 4096, until);
    std::erase_if(items, [&keep](const InboxItem& item) {
      const auto* command = std::get_if<Command>(&item.work);
      return !command || !keep(*command);
    });
    if (!items.empty()) dispatch(items);
  }
  replies_.clear();
}

Result<void> CoreLoop::record_stop(const std::string& reason) {
  std::vector<InboxItem> stop;
  stop.push_back(InboxItem{Command(StopEngine{reason}), {}, false});
  auto stopped = dispatch(stop);
  replies_.clear();
  if (stopped.storage_error || outage_.held() > 0) {
    return fail(Error::io(
        "stopped without recording the stop: the store cannot record (" + outage_.problem() +
        "); " + std::to_string(outage_.held()) +
        " result(s) held in memory are lost, and runs under way will be recorded as abandoned "
        "at the next start"));
  }
  return {};
}

void CoreLoop::discard_queued() {
  std::vector<InboxItem> rest;
  inbox_.drain_until(rest, std::numeric_limits<std::size_t>::max(), SteadyClock::now());
  replies_.clear();
}

}  // namespace nyxmon::infra::runtime
