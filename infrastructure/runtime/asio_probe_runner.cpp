#include "infrastructure/runtime/asio_probe_runner.hpp"

#include <boost/asio/dispatch.hpp>

#include "infrastructure/probes/http_authorization.hpp"
#include "infrastructure/probes/judges.hpp"
#include "infrastructure/probes/plugin_command.hpp"
#include "infrastructure/probes/smtp_submission.hpp"
#include "infrastructure/system/secret_reader.hpp"

namespace nyxmon::infra::runtime {

using namespace nyxmon::domain;
namespace p = nyxmon::infra::probes;

namespace {

p::TlsMode tls_mode_of(TcpTlsMode mode) {
  switch (mode) {
    case TcpTlsMode::kNone:
      return p::TlsMode::kNone;
    case TcpTlsMode::kImplicit:
      return p::TlsMode::kImplicit;
    case TcpTlsMode::kStartTlsSmtp:
      return p::TlsMode::kStartTlsSmtp;
    case TcpTlsMode::kStartTlsImap:
      return p::TlsMode::kStartTlsImap;
    case TcpTlsMode::kStartTlsPop3:
      return p::TlsMode::kStartTlsPop3;
  }
  return p::TlsMode::kNone;
}

p::DnsRecordType record_type_of(DnsQueryType type) {
  switch (type) {
    case DnsQueryType::kA:
      return p::DnsRecordType::kA;
    case DnsQueryType::kAaaa:
      return p::DnsRecordType::kAaaa;
    case DnsQueryType::kCname:
      return p::DnsRecordType::kCname;
    case DnsQueryType::kMx:
      return p::DnsRecordType::kMx;
    case DnsQueryType::kTxt:
      return p::DnsRecordType::kTxt;
    case DnsQueryType::kNs:
      return p::DnsRecordType::kNs;
    case DnsQueryType::kSoa:
      return p::DnsRecordType::kSoa;
  }
  return p::DnsRecordType::kA;
}

// A run that could not start as configured.
ProbeResult error_result(std::string why) {
  ProbeResult result;
  result.outcome = Outcome::kError;
  result.reason = std::move(why);
  return result;
}

Timestamp wall_now() {
  return std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
}

// A mail server's password as read now: empty without a login.
std::expected<std::string, std::string> password_of(const MailServer& server, const char* which) {
  if (!server.password) return std::string();
  auto read = system::read_secret(*server.password);
  if (!read) return std::unexpected(std::string(which) + ".password: " + read.error());
  return read;
}

}  // namespace

AsioProbeRunner::AsioProbeRunner(IoRuntime& io, Report report, std::size_t max_exec_in_flight)
    : AsioProbeRunner(std::vector<IoRuntime*>{&io}, std::move(report), max_exec_in_flight) {}

AsioProbeRunner::AsioProbeRunner(std::vector<IoRuntime*> io, Report report,
                                 std::size_t max_exec_in_flight)
    : io_(std::move(io)),
      runs_under_way_(std::make_shared<std::vector<std::atomic<std::size_t>>>(io_.size())),
      report_(std::move(report)),
      exec_gate_(std::make_shared<ExecGate>(max_exec_in_flight)) {}

std::size_t AsioProbeRunner::pick_runtime() const {
  std::size_t least = 0;
  for (std::size_t i = 0; i < io_.size(); ++i) {
    const std::size_t runs = (*runs_under_way_)[i].load(std::memory_order_relaxed);
    if (runs < kBusyRuns) return i;
    if (runs < (*runs_under_way_)[least].load(std::memory_order_relaxed)) least = i;
  }
  return least;
}

void AsioProbeRunner::cancel_all() {
  cancelled_->store(true);
}

void AsioProbeRunner::start(std::shared_ptr<const CheckSpec> shared, RunId run, Timestamp due_at) {
  const std::size_t chosen = pick_runtime();
  (*runs_under_way_)[chosen].fetch_add(1, std::memory_order_relaxed);
  IoRuntime& io = *io_[chosen];
  auto executor = io.executor();
  // Every closure below holds `shared`, so references into it stay valid.
  io.post([shared = std::move(shared), run, due_at, executor, tls = tls_, gate = exec_gate_,
           cancelled = cancelled_, report = report_, under_way = runs_under_way_, chosen] {
    const CheckSpec& spec = *shared;
    // `started`: when the probe began; an exec check's, when its turn came.
    auto finish_started = [shared, run, due_at, cancelled, report, under_way, chosen](
                              Timestamp started, ProbeResult result) {
      (*under_way)[chosen].fetch_sub(1, std::memory_order_relaxed);
      if (cancelled->load()) return;
      result.started_at = started;
      result.scheduling_lag = started - due_at;
      report(RecordResult{shared->id, run, std::move(result)});
    };
    const Timestamp started = wall_now();
    auto finish = [finish_started, started](ProbeResult result) {
      finish_started(started, std::move(result));
    };
    std::visit(
        [&](const auto& probe) {
          using T = std::decay_t<decltype(probe)>;
          if constexpr (std::is_same_v<T, HttpSpec>) {
            auto authorization = p::authorization_for(spec.credentials);
            if (!authorization) {
              finish(error_result(std::move(authorization.error())));
              return;
            }
            p::HttpExchangeRequest request;
            request.url = probe.url;
            request.method = probe.method;
            request.headers = probe.headers;
            request.body = probe.body;
            request.follow_redirects = probe.follow_redirects;
            request.max_redirects = probe.max_redirects;
            request.tls_verify = probe.tls_verify;
            request.sni = probe.sni;
            request.ca_file = probe.ca_file;
            request.client_identity = {spec.credentials.client_certificate,
                                       spec.credentials.client_key};
            request.max_body_bytes = static_cast<std::size_t>(probe.max_body_bytes);
            request.timeout = spec.timeout;
            std::string secret;
            if (*authorization) {
              request.headers.push_back((*authorization)->header);
              secret = std::move((*authorization)->secret);
            }
            p::start_http_exchange(executor, *tls, std::move(request),
                                   [finish, &probe, shared, secret](p::HttpExchange exchange) {
                                     ProbeResult result =
                                         p::judge(probe, exchange, shared->metrics);
                                     // A body or header may echo the credentials back.
                                     result.reason = system::without_secret(result.reason, secret);
                                     finish(std::move(result));
                                   });
          } else if constexpr (std::is_same_v<T, TcpSpec> || std::is_same_v<T, TlsSpec>) {
            p::TcpExchangeRequest request;
            request.host = probe.host;
            request.port = static_cast<std::uint16_t>(probe.port);
            request.tls_verify = probe.tls_verify;
            request.sni = probe.sni;
            request.ca_file = probe.ca_file;
            request.timeout = spec.timeout;
            if constexpr (std::is_same_v<T, TcpSpec>) {
              request.tls = tls_mode_of(probe.tls);
              request.send = probe.send;
              request.expect = probe.expect;
            } else {
              request.tls = p::TlsMode::kImplicit;
            }
            p::start_tcp_exchange(executor, *tls, std::move(request),
                                  [finish, &probe, shared](p::TcpExchange exchange) {
                                    finish(p::judge(probe, exchange));
                                  });
          } else if constexpr (std::is_same_v<T, DnsSpec>) {
            p::DnsQueryRequest request{probe.name, record_type_of(probe.type), probe.server,
                                       spec.timeout};
            p::start_dns_query(executor, std::move(request),
                               [finish, &probe, shared](p::DnsQueryResult answer) {
                                 finish(p::judge(probe, answer));
                               });
          } else if constexpr (std::is_same_v<T, IcmpSpec>) {
            p::IcmpEchoRequest request{probe.host, probe.count, probe.interval, spec.timeout};
            p::start_icmp_echo(executor, std::move(request),
                               [finish, &probe, shared](p::IcmpEchoResult echo) {
                                 finish(p::judge(probe, echo));
                               });
          } else if constexpr (std::is_same_v<T, ExecSpec>) {
            auto request = p::plugin_process(probe, spec.timeout);
            if (!request) {
              finish(error_result(std::move(request.error())));
              return;
            }
            // The gate may start a waiting command from the thread of the
            // run that left it: dispatch goes to this run's own thread.
            gate->enter(
                [executor, gate, finish_started, &probe, shared, request = std::move(*request)] {
                  boost::asio::dispatch(
                      executor, [executor, gate, finish_started, &probe, shared, request] {
                        const Timestamp turn = wall_now();
                        p::start_process(executor, request, [=, &probe](p::ProcessOutcome outcome) {
                          gate->leave();
                          finish_started(turn, p::judge(probe, outcome));
                        });
                      });
                });
          } else if constexpr (std::is_same_v<T, MailSpec>) {
            auto smtp_password = password_of(probe.smtp, "smtp");
            auto imap_password = password_of(probe.imap, "imap");
            if (!smtp_password || !imap_password) {
              finish(error_result(!smtp_password ? smtp_password.error() : imap_password.error()));
              return;
            }
            p::MailRoundTripRequest request{
                probe,          spec.id.value,       *smtp_password,
                *imap_password, p::new_mail_token(), p::mail_date(std::chrono::system_clock::now()),
                spec.timeout};
            p::start_mail_round_trip(executor, *tls, std::move(request),
                                     [finish, &probe, shared, smtp = *smtp_password,
                                      imap = *imap_password](p::MailRoundTrip trip) {
                                       ProbeResult result = p::judge(probe, trip);
                                       result.reason = system::without_secret(
                                           system::without_secret(result.reason, smtp), imap);
                                       finish(std::move(result));
                                     });
          } else {
            finish(error_result("a " + std::string(kind_of(spec.probe)) + " check has no probe"));
          }
        },
        spec.probe);
  });
}

}  // namespace nyxmon::infra::runtime
