// judges.hpp — from what a probe observed to a ProbeResult: each check
// kind's expectations applied to its exchange, with the first failed one
// (or the first warning) as a short human reason.
//
// Pure functions: they read no clock and do no I/O, so every rule of
// judgement is tested on its own. Timing fields (started_at, lag) are the
// runner's to fill in.
#pragma once

#include "domain/model/check_spec.hpp"
#include "domain/model/probe_result.hpp"
#include "infrastructure/probes/dns_query.hpp"
#include "infrastructure/probes/http_exchange.hpp"
#include "infrastructure/probes/icmp_echo.hpp"
#include "infrastructure/probes/mail_round_trip.hpp"
#include "infrastructure/probes/process_run.hpp"
#include "infrastructure/probes/tcp_exchange.hpp"

namespace nyxmon::infra::probes {

// `metrics`: values read from the JSON body, recorded as measurements and
// judged against their thresholds.
domain::ProbeResult judge(const domain::HttpSpec& spec, const HttpExchange& exchange,
                          const std::vector<domain::MetricRule>& metrics = {});
domain::ProbeResult judge(const domain::TcpSpec& spec, const TcpExchange& exchange);
domain::ProbeResult judge(const domain::TlsSpec& spec, const TcpExchange& exchange);
domain::ProbeResult judge(const domain::DnsSpec& spec, const DnsQueryResult& answer);
domain::ProbeResult judge(const domain::IcmpSpec& spec, const IcmpEchoResult& echo);

// exec: the exit code is the outcome (0 ok, 1 warn, 2 fail, 3 error), the
// plugin's summary line the reason (whatever the outcome), its performance
// data the measurements.
domain::ProbeResult judge(const domain::ExecSpec& spec, const ProcessOutcome& process);

// mail: fail when the message was not sent or did not arrive in time, warn
// when it arrived later than warn_after; send_time and delivery_delay (s)
// as measurements, the Message-ID and the SMTP server's answer as answers.
domain::ProbeResult judge(const domain::MailSpec& spec, const MailRoundTrip& trip);

}  // namespace nyxmon::infra::probes
