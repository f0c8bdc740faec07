#include "infrastructure/probes/imap_delivery.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <set>
#include <vector>

#include "infrastructure/probes/mail_connection.hpp"
#include "infrastructure/probes/mail_replies.hpp"

namespace nyxmon::infra::probes {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;
using domain::MailSecurity;

namespace {

// What one command's untagged answers may add up to.
constexpr std::size_t kMaxResponseBytes = 1024 * 1024;

struct Response {
  std::vector<std::string> untagged;  // without the leading "* "
  std::string line;                   // the tagged line
};

class Session {
 public:
  Session(MailConnection& connection, const ImapWait& wait, ImapOutcome& outcome)
      : connection_(connection), wait_(wait), outcome_(outcome) {}

  asio::awaitable<bool> run() {
    const MailSecurity security = wait_.server.security;
    if (!co_await connection_.open(security == MailSecurity::kTls)) co_return false;
    auto greeting = co_await connection_.read_line();
    if (!greeting) co_return false;
    if (!greeting->starts_with("* OK") && !greeting->starts_with("* PREAUTH"))
      co_return refuse("greeted with '" + greeting->substr(0, 120) + "'");
    if (security == MailSecurity::kStartTls) {
      if (!co_await command("STARTTLS", "STARTTLS")) co_return false;
      if (!co_await connection_.start_tls()) co_return false;
    }
    auto capabilities = co_await command("CAPABILITY", "CAPABILITY");
    if (!capabilities) co_return false;
    for (const std::string& line : capabilities->untagged)
      if (ascii_uppercase(line).starts_with("CAPABILITY "))
        add_imap_capabilities(line.substr(11), capabilities_);
    if (capabilities_.contains("LOGINDISABLED"))
      co_return refuse("does not allow LOGIN on this connection (LOGINDISABLED)");
    if (!connection_.secure() && security != MailSecurity::kNone)
      co_return refuse("would take the password unencrypted");
    if (!co_await command("LOGIN", "LOGIN " + imap_quoted(wait_.server.username) + " " +
                                       imap_quoted(wait_.password)))
      co_return false;
    if (!co_await command("SELECT " + wait_.mailbox, "SELECT " + imap_quoted(wait_.mailbox)))
      co_return false;
    if (!co_await search_until_found()) co_return false;
    co_await delete_found();
    if (co_await connection_.write(next_tag() + " LOGOUT\r\n")) co_await connection_.read_line();
    co_return true;
  }

 private:
  bool refuse(const std::string& what) {
    return connection_.fail("IMAP server " + connection_.where() + " " + what);
  }

  std::string next_tag() { return "n" + std::to_string(++tags_); }

  // Sends `line` with a new tag and reads up to its tagged answer, which
  // must be OK.
  asio::awaitable<std::optional<Response>> command(const std::string& step,
                                                   const std::string& line) {
    const std::string tag = next_tag();
    if (!co_await connection_.write(tag + " " + line + "\r\n")) co_return std::nullopt;
    Response response;
    std::size_t bytes = 0;
    for (;;) {
      auto read = co_await connection_.read_line();
      if (!read) co_return std::nullopt;
      if (read->starts_with("* ")) {
        bytes += read->size();
        if (bytes > kMaxResponseBytes) {
          refuse("sent more than 1 MiB in answer to " + step);
          co_return std::nullopt;
        }
        response.untagged.push_back(read->substr(2));
        continue;
      }
      if (!read->starts_with(tag + " ")) {
        refuse("answered " + step + " with '" + read->substr(0, 120) + "'");
        co_return std::nullopt;
      }
      response.line = read->substr(tag.size() + 1);
      if (!ascii_uppercase(response.line.substr(0, 3)).starts_with("OK")) {
        refuse("refused " + step + ": '" + response.line.substr(0, 160) + "'");
        co_return std::nullopt;
      }
      co_return response;
    }
  }

  asio::awaitable<std::optional<std::vector<std::string>>> search(const std::string& header,
                                                                  const std::string& value) {
    auto response = co_await command(
        "SEARCH", "UID SEARCH HEADER " + imap_quoted(header) + " " + imap_quoted(value));
    if (!response) co_return std::nullopt;
    co_return imap_search_uids(response->untagged);
  }

  asio::awaitable<bool> search_until_found() {
    auto executor = co_await asio::this_coro::executor;
    for (;;) {
      auto uids = co_await search(wait_.header, wait_.value);
      if (!uids) co_return false;
      ++outcome_.searches;
      if (!uids->empty()) {
        outcome_.found_at = Clock::now();
        found_ = *uids;
        co_return true;
      }
      const auto left = connection_.deadline() - Clock::now();
      if (left <= Clock::duration::zero()) {
        outcome_.timed_out = true;
        co_return connection_.fail("not in " + wait_.mailbox + " after " +
                                   std::to_string(outcome_.searches) + " searches");
      }
      asio::steady_timer pause(executor);
      pause.expires_after(std::min<Clock::duration>(left, wait_.poll_every));
      boost::system::error_code ignored;
      co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
      // NOOP lets the server tell of messages that arrived meanwhile.
      if (!co_await command("NOOP", "NOOP")) co_return false;
    }
  }

  asio::awaitable<void> delete_found() {
    std::vector<std::string> doomed = found_;
    if (!wait_.sweep_header.empty()) {
      auto swept = co_await search(wait_.sweep_header, wait_.sweep_value);
      if (swept) {
        for (const std::string& uid : *swept)
          if (std::ranges::find(doomed, uid) == doomed.end()) doomed.push_back(uid);
      }
    }
    std::string set;
    for (const std::string& uid : doomed)
      set += (set.empty() ? "" : ",") + uid;
    // One co_await per statement, its strings named: GCC 12 mishandles
    // temporaries of a co_await under && or ?:.
    const std::string store = "UID STORE " + set + " +FLAGS.SILENT (\\Deleted)";
    const std::string expunge =
        capabilities_.contains("UIDPLUS") ? "UID EXPUNGE " + set : std::string("EXPUNGE");
    auto stored = co_await command("STORE", store);
    if (stored) {
      auto expunged = co_await command("EXPUNGE", expunge);
      if (expunged) outcome_.deleted = static_cast<int>(doomed.size());
    }
    outcome_.cleanup = connection_.failure();
  }

  MailConnection& connection_;
  const ImapWait& wait_;
  ImapOutcome& outcome_;
  std::set<std::string> capabilities_;
  std::vector<std::string> found_;
  int tags_ = 0;
};

}  // namespace

std::string imap_quoted(std::string_view text) {
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

asio::awaitable<ImapOutcome> wait_for_message(TlsContexts& tls, const ImapWait& wait,
                                              Clock::time_point deadline) {
  // No co_await inside the constructor's arguments (smtp_submission.cpp).
  auto executor = co_await asio::this_coro::executor;
  MailConnection connection(executor, tls, MailPeer::of(wait.server, domain::MailProtocol::kImap),
                            deadline);
  ImapOutcome outcome;
  Session session(connection, wait, outcome);
  const bool found = co_await session.run();
  connection.close();
  connection.copy_timings(outcome.timings);
  outcome.certificate_days_left = connection.certificate_days_left();
  if (!found) {
    outcome.failure = connection.failure();
    outcome.timed_out = outcome.timed_out || connection.timed_out();
    outcome.cleanup.clear();
  }
  co_return outcome;
}

}  // namespace nyxmon::infra::probes
