// mail_replies.hpp — reading what mail servers say: SMTP reply lines, IMAP
// literals, capabilities and SEARCH answers. Pure functions over text a
// hostile server may have written (fuzz/mail_reply_fuzz.cpp).
#pragma once

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace nyxmon::infra::probes {

// "250-SIZE 10240000" → {250, false, "SIZE 10240000"}; "221" → {221, true, ""}.
struct SmtpReplyLine {
  int code = 0;
  bool last = true;  // not a "NNN-" continuation
  std::string_view text;
};
// nullopt unless the line starts with three digits followed by nothing, a
// space or a '-'.
std::optional<SmtpReplyLine> parse_smtp_reply_line(std::string_view line);

// The size an IMAP line announces as a literal at its end ("... {12}" or
// "{12+}"), or nullopt.
std::optional<std::size_t> imap_literal_size(std::string_view line);

// The words of a CAPABILITY answer (or response code), upper-cased, added
// to `into`.
void add_imap_capabilities(std::string_view words, std::set<std::string>& into);

// The UIDs of the "SEARCH ..." lines among untagged answers (without their
// "* "); words that are not numbers are skipped.
std::vector<std::string> imap_search_uids(const std::vector<std::string>& untagged);

// `text` upper-cased (ASCII).
std::string ascii_uppercase(std::string text);

}  // namespace nyxmon::infra::probes
