// asio_probe_runner.hpp — the ProbeRunner port on the I/O thread: starts the
// exchange of a check's kind (or, for exec, its command), judges what it
// observed, and reports the result through `report` (the core's inbox),
// exactly once per start.
//
// start() and cancel_all() may be called from any thread; `report` is
// called on the I/O thread. After cancel_all() no more reports are made.
#pragma once

#include <atomic>
#include <functional>
#include <memory>

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

  void start(std::shared_ptr<const domain::CheckSpec> spec, domain::RunId run,
             domain::Timestamp due_at) override;
  void cancel_all() override;

 private:
  IoRuntime& io_;
  Report report_;
  std::shared_ptr<probes::TlsContexts> tls_ = std::make_shared<probes::TlsContexts>();
  std::shared_ptr<ExecGate> exec_gate_;
  std::shared_ptr<std::atomic<bool>> cancelled_ = std::make_shared<std::atomic<bool>>(false);
};

}  // namespace nyxmon::infra::runtime
