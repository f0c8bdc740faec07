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
#include "infrastructure/probes/tcp_exchange.hpp"

namespace nyxmon::infra::probes {

domain::ProbeResult judge(const domain::HttpSpec& spec, const HttpExchange& exchange);
domain::ProbeResult judge(const domain::TcpSpec& spec, const TcpExchange& exchange);
domain::ProbeResult judge(const domain::TlsSpec& spec, const TcpExchange& exchange);
domain::ProbeResult judge(const domain::DnsSpec& spec, const DnsQueryResult& answer);
domain::ProbeResult judge(const domain::IcmpSpec& spec, const IcmpEchoResult& echo);

// A value in a JSON document, found by JSON Pointer (RFC 6901:
// "/checks/db/state", "/items/0/id", "~1" for '/' and "~0" for '~' in a
// key) or by the dotted shorthand ("checks.db.state", "items.0.id", for
// keys without dots), compared with `expected` (JSON text, or a bare
// string). Returns an empty string when it matches, else why not.
std::string json_mismatch(std::string_view document, const std::string& path,
                          const std::string& expected);

}  // namespace nyxmon::infra::probes
