// asio_probe_runner.hpp — the ProbeRunner port on the I/O thread: starts the
// exchange of a check's kind (or, for exec, its command), judges what it
// observed, and reports the result through `report` (the core's inbox),
// exactly once per start.
//
// Runs spread over several I/O runtimes (engine.io_threads), each with one
// thread: every handler of one run stays on one thread, which is what the
// probes assume. A run goes to the first runtime with fewer than
// kBusyRuns under way (else to the least busy), so that a light load stays
// on one thread — waking two costs more CPU per check than it saves — and
// a heavy one is not capped by one core.
//
// start() and cancel_all() may be called from any thread; `report` is
// called on the I/O threads. After cancel_all() no more reports are made.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

#include "domain/commands/command.hpp"
#include "domain/ports/probe_runner.hpp"
#include "infrastructure/probes/tls_contexts.hpp"
#include "infrastructure/runtime/exec_gate.hpp"
#include "infrastructure/runtime/io_runtime.hpp"

namespace nyxmon::infra::runtime {

class AsioProbeRunner : public domain::ProbeRunner {
 public:
  using Report = std::function<void(domain::RecordResult)>;

  // `max_exec_in_flight`: commands of exec checks running at once, at most.
  AsioProbeRunner(IoRuntime& io, Report report, std::size_t max_exec_in_flight = 16);
  // Over several runtimes: each must run one thread.
  AsioProbeRunner(std::vector<IoRuntime*> io, Report report, std::size_t max_exec_in_flight = 16);

  void start(std::shared_ptr<const domain::CheckSpec> spec, domain::RunId run,
             domain::Timestamp due_at) override;
  void cancel_all() override;

  static constexpr std::size_t kBusyRuns = 16;

 private:
  // Picks a runtime for the next run (see above).
  std::size_t pick_runtime() const;

  std::vector<IoRuntime*> io_;
  // Runs under way on each runtime: counted up by start(), down on the
  // runtime's thread when the run ends.
  std::shared_ptr<std::vector<std::atomic<std::size_t>>> runs_under_way_;
  Report report_;
  std::shared_ptr<probes::TlsContexts> tls_ = std::make_shared<probes::TlsContexts>();
  std::shared_ptr<ExecGate> exec_gate_;
  std::shared_ptr<std::atomic<bool>> cancelled_ = std::make_shared<std::atomic<bool>>(false);
};

}  // namespace nyxmon::infra::runtime
