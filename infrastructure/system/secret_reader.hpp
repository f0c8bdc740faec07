// secret_reader.hpp — a secret (a notifier's token, an http check's
// password) read where its definition says: an environment variable of the
// engine, or the first line of a file. Read at each use, so a rotated token
// is used at once and the secret is never kept in the engine's state or log.
#pragma once

#include <expected>
#include <string>

#include "domain/model/notifier_spec.hpp"

namespace nyxmon::infra::system {

// The secret, or why it cannot be had ("environment variable
// NYXMON_PD_KEY is not set", "file /etc/nyxmon/pd.key: Permission denied").
// An empty secret is an error too.
std::expected<std::string, std::string> read_secret(const domain::SecretSource& source);

// `text` (a notifier's url or a header value) with every {secret} replaced
// by `secret`.
std::string with_secret(std::string text, const std::string& secret);

// `text` with every occurrence of `secret` replaced by "<secret>": for
// reasons and answers that might quote a URL or a request back.
std::string without_secret(std::string text, const std::string& secret);

}  // namespace nyxmon::infra::system
