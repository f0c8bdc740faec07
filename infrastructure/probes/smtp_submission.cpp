#include "infrastructure/probes/smtp_submission.hpp"

#include <unistd.h>

#include <boost/asio/this_coro.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>
#include <memory>

#include "infrastructure/probes/mail_connection.hpp"
#include "infrastructure/probes/mail_replies.hpp"
#include "infrastructure/probes/spawn_probe.hpp"
#include "infrastructure/system/base64.hpp"

namespace nyxmon::infra::probes {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;
using domain::MailSecurity;

namespace {

// The name this host greets with: its host name, or "localhost".
std::string own_name() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0 || name[0] == '\0') return "localhost";
  return name;
}

struct Reply {
  int code = 0;
  std::vector<std::string> lines;  // the text after each code
  std::string first_line;          // the whole first line, for reasons
};

// A server's words in a reason: one line, at most 200 bytes.
std::string quoted_reply(const Reply& reply) {
  std::string text = reply.first_line.substr(0, 200);
  return "'" + text + "'";
}

class Session {
 public:
  Session(MailConnection& connection, const SmtpSubmission& submission)
      : connection_(connection), submission_(submission) {}

  asio::awaitable<bool> run(SmtpOutcome& outcome) {
    const MailSecurity security = submission_.server.security;
    if (!co_await connection_.open(security == MailSecurity::kTls)) co_return false;
    if (!co_await expect("the greeting", "", 220)) co_return false;
    if (!co_await hello()) co_return false;
    if (security == MailSecurity::kStartTls) {
      if (!offers("STARTTLS")) co_return refuse("does not offer STARTTLS");
      if (!co_await expect("STARTTLS", "STARTTLS\r\n", 220)) co_return false;
      if (!co_await connection_.start_tls()) co_return false;
      if (!co_await hello()) co_return false;
    }
    if (!submission_.server.username.empty() && !co_await log_in()) co_return false;
    if (!co_await expect("MAIL FROM", "MAIL FROM:<" + submission_.from + ">\r\n", 250))
      co_return false;
    for (const std::string& recipient : submission_.to) {
      if (!co_await expect("RCPT TO", "RCPT TO:<" + recipient + ">\r\n", 250, 251)) co_return false;
    }
    if (!co_await expect("DATA", "DATA\r\n", 354)) co_return false;
    auto accepted = co_await expect("the message", dot_stuffed(submission_.message), 250);
    if (!accepted) co_return false;
    outcome.accepted = accepted->first_line;
    outcome.timings.total = Clock::now() - started_;
    // The message is the server's now; a QUIT that goes wrong changes nothing.
    if (co_await connection_.write("QUIT\r\n")) co_await connection_.read_line();
    co_return true;
  }

 private:
  bool refuse(const std::string& what) {
    return connection_.fail("SMTP server " + connection_.where() + " " + what);
  }

  // Sends `bytes` (nothing when empty) and reads the reply, which must
  // carry `code` (or `other_code`).
  asio::awaitable<std::optional<Reply>> expect(const std::string& step, const std::string& bytes,
                                               int code, int other_code = 0) {
    if (!bytes.empty() && !co_await connection_.write(bytes)) co_return std::nullopt;
    auto reply = co_await read_reply();
    if (!reply) co_return std::nullopt;
    if (reply->code != code && reply->code != other_code) {
      refuse("refused " + step + ": " + quoted_reply(*reply));
      co_return std::nullopt;
    }
    co_return reply;
  }

  asio::awaitable<std::optional<Reply>> read_reply() {
    Reply reply;
    for (;;) {
      auto line = co_await connection_.read_line();
      if (!line) co_return std::nullopt;
      const auto parsed = parse_smtp_reply_line(*line);
      if (!parsed) {
        refuse("sent something that is not an SMTP reply: '" + line->substr(0, 80) + "'");
        co_return std::nullopt;
      }
      if (reply.lines.empty()) {
        reply.code = parsed->code;
        reply.first_line = *line;
      }
      reply.lines.emplace_back(parsed->text);
      if (parsed->last) co_return reply;
      if (reply.lines.size() > 100) {
        refuse("sent a reply of more than 100 lines");
        co_return std::nullopt;
      }
    }
  }

  asio::awaitable<bool> hello() {
    auto reply = co_await expect("EHLO", "EHLO " + own_name() + "\r\n", 250);
    if (!reply) co_return false;
    extensions_.clear();
    for (std::size_t i = 1; i < reply->lines.size(); ++i)
      extensions_.push_back(ascii_uppercase(reply->lines[i]));
    co_return true;
  }

  // The EHLO line of `extension` ("AUTH PLAIN LOGIN"), or nullptr.
  const std::string* extension(std::string_view name) const {
    for (const std::string& line : extensions_) {
      if (line.starts_with(name) &&
          (line.size() == name.size() || line[name.size()] == ' ' || line[name.size()] == '='))
        return &line;
    }
    return nullptr;
  }
  bool offers(std::string_view name) const { return extension(name) != nullptr; }

  asio::awaitable<bool> log_in() {
    if (!connection_.secure() && submission_.server.security != MailSecurity::kNone)
      co_return refuse("would take the password unencrypted");
    const std::string* auth = extension("AUTH");
    if (!auth) co_return refuse("offers no AUTH; the user cannot log in");
    const auto mechanisms = " " + auth->substr(5) + " ";
    const std::string& user = submission_.server.username;
    const std::string& password = submission_.password;
    if (mechanisms.find(" PLAIN ") != std::string::npos) {
      const std::string token =
          system::base64_encode(std::string(1, '\0') + user + '\0' + password);
      co_return (co_await expect("AUTH PLAIN", "AUTH PLAIN " + token + "\r\n", 235)).has_value();
    }
    if (mechanisms.find(" LOGIN ") != std::string::npos) {
      if (!co_await expect("AUTH LOGIN", "AUTH LOGIN\r\n", 334)) co_return false;
      if (!co_await expect("AUTH LOGIN", system::base64_encode(user) + "\r\n", 334))
        co_return false;
      co_return (co_await expect("AUTH LOGIN", system::base64_encode(password) + "\r\n", 235))
          .has_value();
    }
    co_return refuse("offers neither AUTH PLAIN nor LOGIN (" + auth->substr(5) + ")");
  }

  MailConnection& connection_;
  const SmtpSubmission& submission_;
  Clock::time_point started_ = Clock::now();
  std::vector<std::string> extensions_;
};

// Holds a submission for start_mail_submission.
struct Submitter {
  TlsContexts& tls;
  SmtpSubmission submission;
  Clock::time_point deadline;
  asio::awaitable<SmtpOutcome> run() { return submit_mail(tls, submission, deadline); }
};

}  // namespace

asio::awaitable<SmtpOutcome> submit_mail(TlsContexts& tls, const SmtpSubmission& submission,
                                         Clock::time_point deadline) {
  const auto started = Clock::now();
  // No co_await inside the constructor's arguments: GCC 12 destroys a
  // temporary there twice.
  auto executor = co_await asio::this_coro::executor;
  MailConnection connection(executor, tls,
                            MailPeer::of(submission.server, domain::MailProtocol::kSmtp), deadline);
  SmtpOutcome outcome;
  Session session(connection, submission);
  const bool sent = co_await session.run(outcome);
  connection.close();
  connection.copy_timings(outcome.timings);
  outcome.certificate_days_left = connection.certificate_days_left();
  if (!sent) {
    outcome.failure = connection.failure();
    outcome.timed_out = connection.timed_out();
    outcome.timings.total = Clock::now() - started;
  }
  co_return outcome;
}

void start_mail_submission(asio::any_io_executor executor, TlsContexts& tls,
                           SmtpSubmission submission, std::chrono::nanoseconds timeout,
                           std::function<void(SmtpOutcome)> done) {
  auto submitter =
      std::make_shared<Submitter>(Submitter{tls, std::move(submission), Clock::now() + timeout});
  spawn_probe<Submitter, SmtpOutcome>(std::move(executor), std::move(submitter), std::move(done));
}

std::string dot_stuffed(std::string_view message) {
  std::string out;
  out.reserve(message.size() + message.size() / 64 + 8);
  bool line_start = true;
  for (std::size_t i = 0; i < message.size(); ++i) {
    const char c = message[i];
    if (line_start && c == '.') out += '.';
    if (c == '\n' && (i == 0 || message[i - 1] != '\r')) out += '\r';
    out += c;
    line_start = c == '\n';
  }
  if (!out.ends_with("\r\n")) out += "\r\n";
  out += ".\r\n";
  return out;
}

std::string mail_date(std::chrono::system_clock::time_point when) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  static constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed",
                                                    "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char text[40];
  std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[utc.tm_wday],
                utc.tm_mday, kMonths[utc.tm_mon], utc.tm_year + 1900, utc.tm_hour, utc.tm_min,
                utc.tm_sec);
  return text;
}

}  // namespace nyxmon::infra::probes
