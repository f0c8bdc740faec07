// store_outage.hpp — what the core does while its store cannot record (a
// full disk, a file size limit, an I/O error): it says so once, holds the
// facts that arrived from outside (probe results, delivery outcomes) and
// opens the store again every few seconds until it takes writes.
//
// Core thread only. The core asks it whether it is recording, hands it the
// commands to hold, and gets them back, in order, when the store is back.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "domain/commands/command.hpp"
#include "domain/error.hpp"
#include "infrastructure/eventstore/event_store.hpp"

namespace nyxmon::infra::runtime {

class StoreOutage {
 public:
  using Clock = std::chrono::steady_clock;
  // How often a store that cannot record is opened again.
  static constexpr std::chrono::seconds kRetryInterval{5};

  // Facts from outside (a probe's result, a delivery's outcome) wait for a
  // store that cannot record; other commands are answered with the problem.
  static bool waits_for_the_store(const domain::Command& command);

  bool recording() const { return !since_; }
  // The store's problem, as last reported; empty while recording.
  const std::string& problem() const { return problem_; }
  std::size_t held() const { return held_.size(); }
  // When the store is next opened again (meaningful while not recording).
  Clock::time_point next_attempt() const { return next_attempt_; }

  // An append failed with `error`: recording stops (said once, loudly).
  void begin(const domain::Error& error);
  void hold(domain::Command command) { held_.push_back(std::move(command)); }

  // While not recording, when a retry is due (or at once when `now`): opens
  // the store again. When it takes writes, recording resumes and the held
  // commands are returned for the core to record first; nullopt otherwise.
  std::optional<std::vector<domain::Command>> try_to_end(eventstore::EventStore& store, bool now);
  // The core has dispatched the `recorded` commands try_to_end() returned:
  // says that recording resumed, unless that append failed too.
  void ended(std::size_t recorded);

 private:
  std::optional<Clock::time_point> since_;  // set while not recording
  Clock::time_point outage_began_{};
  std::string problem_;
  Clock::time_point next_attempt_{};
  Clock::time_point told_at_{};
  std::vector<domain::Command> held_;
};

}  // namespace nyxmon::infra::runtime
