#include "tools/cli/man_page.hpp"

#include <fmt/format.h>

#include <cstdint>

namespace nyxmon::tools {

namespace {

// Text as roff reads it: backslashes and hyphens escaped, no line that
// begins with a control character, and what is not ASCII as \[uXXXX].
std::string roff(std::string_view text) {
  std::string out;
  bool line_start = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    line_start = c == '\n';
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else if (c < 0x80) {
      out += static_cast<char>(c);
    } else {
      // A UTF-8 sequence: its code point (an invalid byte stands for itself).
      const std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
      std::uint32_t point = length == 1 ? c : c & (0x7F >> length);
      for (std::size_t k = 1; k < length && i + 1 < text.size(); ++k)
        point = (point << 6) | (static_cast<unsigned char>(text[++i]) & 0x3F);
      out += fmt::format("\\[u{:04X}]", point);
    }
  }
  return out;
}

std::string option_line(const OptionDoc& option) {
  std::string head;
  if (!option.positional.empty()) {
    head = "\\fI" + roff(option.positional) + "\\fR";
  } else {
    for (const std::string& name : option.names)
      head += (head.empty() ? "" : ", ") + ("\\fB" + roff(name) + "\\fR");
    if (!option.value_name.empty()) head += " \\fI" + roff(option.value_name) + "\\fR";
  }
  return ".TP\n" + head + "\n" + roff(option.description) + "\n";
}

void command_section(const CommandDoc& command, std::string& out) {
  out += ".SS \"nyxmon " + roff(command.name) + "\"\n" + roff(command.description) + "\n";
  for (const OptionDoc& option : command.options) {
    if (!option.names.empty() && option.names.front() == "--help") continue;
    out += option_line(option);
  }
  for (const CommandDoc& sub : command.subcommands)
    command_section(sub, out);
}

constexpr std::string_view kTail = R"(.SH EXIT STATUS
.TP
.B 0
Success.
.TP
.B 1
Usage or input error: an invalid argument or configuration, an unknown
check, a refusal (pausing a paused check), a TLS file that cannot serve.
.TP
.B 2
Store problem: missing, locked, damaged or unreadable, or not recording
now (a full disk).
.TP
.B 3
Something is down (\fBstatus\fR).
.TP
.B 4
A notification was not delivered (\fBnotify test\fR).
.SH ENVIRONMENT
.TP
.B NYXMON_DATA
The store directory when \fB\-\-data\fR is not given (else \fI./nyxmon\-data\fR).
.TP
.B NYXMON_CONFIG
The configuration file when \fB\-\-config\fR is not given (else \fI./nyxmon.yaml\fR).
.SH FILES
.TP
.I /etc/nyxmon/nyxmon.yaml
The configuration of the packaged service.
.TP
.I /var/lib/nyxmon
The packaged service's store directory (mode 0700, owned by the nyxmon user).
.TP
.I <data>/api\-token
The API token, generated on first start (mode 0600), unless engine.api_token is set.
.TP
.I <data>/nyxmon.sock
The running engine's control socket (mode 0600): write commands go through it.
.TP
.I <data>/nyxmon.http
The address the running engine's HTTP server is bound to.
.SH SIGNALS
.TP
.B SIGHUP
\fBnyxmon run\fR reads its configuration again and applies it, as \fBnyxmon apply\fR.
.TP
.BR SIGTERM ", " SIGINT
\fBnyxmon run\fR stops cleanly: probes in flight are cancelled,
notifications being delivered get up to five seconds, the store is flushed.
.SH SEE ALSO
The README and docs/api.md of the source, for the configuration, the HTTP
API and the status page.
)";

}  // namespace

std::string man_page(const CommandDoc& root, std::string_view version) {
  std::string out = fmt::format(".TH NYXMON 1 \"\" \"nyxmon {}\" \"User Commands\"\n", version);
  out += ".SH NAME\nnyxmon \\- a monitoring engine that records every decision as an event\n";
  out += ".SH SYNOPSIS\n.B nyxmon\n[\\fIglobal options\\fR] \\fIcommand\\fR [\\fIoptions\\fR]\n";
  out += ".SH DESCRIPTION\n" + roff(root.description) + "\n";
  out += ".SH GLOBAL OPTIONS\n";
  for (const OptionDoc& option : root.options)
    out += option_line(option);
  out += ".SH COMMANDS\n";
  for (const CommandDoc& command : root.subcommands)
    command_section(command, out);
  out += kTail;
  return out;
}

}  // namespace nyxmon::tools
