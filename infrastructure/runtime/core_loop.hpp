// core_loop.hpp — the synchronous core: inbox → decide → append → apply →
// execute effects, on one thread, and nothing else.
//
// The core thread (the caller of run()) is the single writer: it pops due
// checks from the schedule projection, drains the inbox, has the bus decide
// and append the whole batch as one write, which the bus applies to the
// projections, and then carries out the effects the decisions name
// (StartProbe, through the ProbeRunner port). It sleeps on the inbox until
// the next check is due, so timers cost nothing while idle. While busy it
// takes a turn at most every kTurnQuantum: results and due checks that come
// within it wait for the next turn (adding at most that to a run's start)
// rather than waking the thread one by one, which on two cores costs more
// than the work itself. Everything else
// the engine does between batches is a CorePart (core_part.hpp); the loop
// knows nothing of HTTP, signals, notifications' transport or retention.
//
// Why one core thread: decisions need a consistent state and the log a
// single writer; one thread gives both without locks, and group commit makes
// it fast enough.
//
// When an append fails the loop stops probing and serves what it has: see
// store_outage.hpp.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <variant>
#include <vector>

#include "domain/bus/message_bus.hpp"
#include "domain/ports/probe_runner.hpp"
#include "infrastructure/eventstore/event_store.hpp"
#include "infrastructure/eventstore/store_event_log.hpp"
#include "infrastructure/runtime/control_request.hpp"
#include "infrastructure/runtime/core_part.hpp"
#include "infrastructure/runtime/inbox.hpp"
#include "infrastructure/runtime/store_outage.hpp"
#include "infrastructure/runtime/system_clock.hpp"
#include "projections/projections.hpp"

namespace nyxmon::infra::runtime {

using Reply = std::function<void(const domain::CommandOutcome&)>;

struct InboxItem {
  std::variant<domain::Command, CommandExpander> work;
  Reply reply;              // may be empty; gets the outcome of all its commands
  bool from_probe = false;  // a probe's result: one less in flight
};

class CoreLoop {
 public:
  // `state`: the projections restored from the store (snapshot + log).
  // `max_in_flight`: probes running at once, at most.
  CoreLoop(eventstore::EventStore& store, projections::Projections state,
           std::size_t max_in_flight);
  CoreLoop(const CoreLoop&) = delete;
  CoreLoop& operator=(const CoreLoop&) = delete;

  // Before the first dispatch: who carries out StartProbe, and the parts
  // called between batches, in order. Neither is owned; both must outlive
  // every dispatch.
  void set_probe_runner(domain::ProbeRunner& probes) { probes_ = &probes; }
  void add_part(CorePart& part) { parts_.push_back(&part); }

  // Thread-safe: queue work for the core; `reply` gets the outcome (on the
  // core thread, after the view that shows it was published).
  void submit(domain::Command command, Reply reply = {});
  void submit(ControlWork work, Reply reply = {});
  // Thread-safe: a probe's result (one probe fewer in flight).
  void report_result(domain::RecordResult result);
  // Thread-safe: wakes run() to look again (a reader wants a view).
  void wake() { inbox_.interrupt(); }
  // Thread-safe: run() returns at its next turn. The first reason stays.
  void request_stop(std::string reason);

  // Core thread (or before run()): decides, appends and applies `items` as
  // one batch, carries out the effects, and tells the parts. On a failed
  // append nothing is applied, recording stops, facts from outside are held
  // and due checks go back into the schedule.
  domain::BatchResult dispatch(std::vector<InboxItem>& items);

  // Runs turns until a stop is requested; returns its reason.
  std::string run();

  // After run(), for the stop: drains the inbox until `until` or until
  // `more` says false, recording only the commands `keep` accepts. Replies
  // are dropped.
  void record_only(const std::function<bool(const domain::Command&)>& keep,
                   const std::function<bool()>& more, std::chrono::steady_clock::time_point until);
  // After run(): a last chance for a store that could not record to take
  // what was held, before the stop is recorded.
  void record_held_now() { try_to_record_again(true); }
  // Records StopEngine{reason}. Fails when the store could not record the
  // stop or what was held.
  domain::Result<void> record_stop(const std::string& reason);
  // Drops what is still queued and the replies not sent: call it before the
  // I/O their handlers refer to goes.
  void discard_queued();

  // Core thread: an event recorded outside the bus (retention's) is applied
  // like any other.
  void apply_recorded(const domain::Envelope& envelope);

  // Core thread only (or before run()).
  const projections::Projections& projections() const { return projections_; }
  std::size_t in_flight() const { return in_flight_; }
  std::size_t max_in_flight() const { return max_in_flight_; }
  const StoreOutage& outage() const { return outage_; }
  std::uint64_t events_appended() const { return events_appended_; }

  // After a turn that did work, the next one waits this long (see above).
  // 4 ms: at 2,000 HTTP checks a second, turns of 1 ms cost 30 % more CPU
  // per check than turns of 4 ms (the probe threads, handed their runs in
  // larger batches, wake less too); a run starts at most 4 ms late, and its
  // result records by how much.
  static constexpr std::chrono::microseconds kTurnQuantum{4000};

 private:
  // While not recording: holds facts from outside, answers the rest.
  void hold_or_refuse(std::vector<InboxItem>& items);
  void try_to_record_again(bool now);
  void execute(const domain::Effect& effect);
  // Lets the parts see the turn's outcome, then sends its replies.
  void end_turn();

  eventstore::EventStore& store_;
  eventstore::StoreEventLog log_;
  projections::Projections projections_;
  domain::MessageBus bus_;
  SystemClock clock_;
  Inbox<InboxItem> inbox_;
  domain::ProbeRunner* probes_ = nullptr;
  std::vector<CorePart*> parts_;
  std::vector<std::pair<Reply, domain::CommandOutcome>> replies_;
  StoreOutage outage_;
  std::size_t max_in_flight_;
  std::size_t in_flight_ = 0;
  std::uint64_t events_appended_ = 0;
  std::atomic<bool> stop_requested_ = false;
  std::mutex stop_mutex_;
  std::string stop_reason_;
};

}  // namespace nyxmon::infra::runtime
