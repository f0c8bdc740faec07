#include "tests/support/servers/mail_test_server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <optional>

#include "infrastructure/asio/contain_failure.hpp"
#include "infrastructure/system/base64.hpp"
#include "tests/support/servers/io_thread.hpp"
#include "tests/support/servers/line_connection.hpp"

namespace nyxmon::testing {

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;
using Security = MailTestOptions::Security;

namespace {

std::string uppercase(std::string text) {
  std::ranges::transform(text, text.begin(),
                         [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// "MAIL FROM:<a@b> SIZE=10" -> "a@b".
std::string address_in(const std::string& line) {
  const auto open = line.find('<');
  const auto close = line.find('>', open == std::string::npos ? 0 : open);
  if (open == std::string::npos || close == std::string::npos) return {};
  return line.substr(open + 1, close - open - 1);
}

// IMAP arguments: atoms, and quoted strings with \\ and \" escapes.
std::vector<std::string> imap_arguments(std::string_view text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ') {
      ++i;
      continue;
    }
    std::string word;
    if (text[i] == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) ++i;
        word += text[i];
      }
      ++i;
    } else if (text[i] == '(') {
      const auto close = text.find(')', i);
      word = std::string(text.substr(i, close == std::string_view::npos ? close : close - i + 1));
      i = close == std::string_view::npos ? text.size() : close + 1;
    } else {
      while (i < text.size() && text[i] != ' ')
        word += text[i++];
    }
    out.push_back(std::move(word));
  }
  return out;
}

// The value of header `name` in `message`, or nullopt.
std::optional<std::string> header_value(const std::string& message, const std::string& name) {
  std::size_t at = 0;
  while (at < message.size()) {
    const auto end = message.find("\r\n", at);
    const std::string line = message.substr(at, end == std::string::npos ? end : end - at);
    if (line.empty()) return std::nullopt;
    const auto colon = line.find(':');
    if (colon != std::string::npos && equal_ignoring_case(line.substr(0, colon), name)) {
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      return value;
    }
    if (end == std::string::npos) break;
    at = end + 2;
  }
  return std::nullopt;
}

// "3,5:7" -> whether `uid` is in it.
bool in_uid_set(const std::string& set, std::uint32_t uid) {
  std::size_t at = 0;
  while (at <= set.size()) {
    const auto end = std::min(set.find(',', at), set.size());
    const std::string range = set.substr(at, end - at);
    const auto colon = range.find(':');
    const auto number = [](const std::string& text) -> std::uint32_t {
      return text == "*" ? UINT32_MAX : static_cast<std::uint32_t>(std::stoul(text));
    };
    if (!range.empty()) {
      const std::uint32_t low = number(range.substr(0, colon));
      const std::uint32_t high = colon == std::string::npos ? low : number(range.substr(colon + 1));
      if (uid >= std::min(low, high) && uid <= std::max(low, high)) return true;
    }
    at = end + 1;
  }
  return false;
}

struct StoredMessage {
  std::uint32_t uid = 0;
  std::string data;
  bool deleted = false;
};

}  // namespace

struct MailTestServer::Impl {
  // Shared with the connections; declared before `io` (see io_thread.hpp).
  mutable std::mutex mutex;
  MailTestOptions options;
  std::vector<ReceivedMail> received;
  std::vector<StoredMessage> mailbox;
  std::uint32_t next_uid = 1;
  std::vector<std::string> smtp_commands;
  std::vector<std::string> imap_commands;

  asio::ssl::context tls{asio::ssl::context::tls_server};
  IoThread io;
  tcp::acceptor smtp{io.context()};
  tcp::acceptor imap{io.context()};

  Impl(const TestCertificate& identity, MailTestOptions chosen) : options(std::move(chosen)) {
    const std::string chain = identity.full_chain_pem();
    tls.use_certificate_chain(asio::buffer(chain));
    tls.use_private_key(asio::buffer(identity.private_key_pem), asio::ssl::context::pem);
    for (tcp::acceptor* acceptor : {&smtp, &imap}) {
      tcp::endpoint loopback(asio::ip::address_v4::loopback(), 0);
      acceptor->open(loopback.protocol());
      acceptor->bind(loopback);
      acceptor->listen();
    }
    asio::co_spawn(io.context(), accept(smtp, true),
                   infra::contain_failure("the SMTP test server"));
    asio::co_spawn(io.context(), accept(imap, false),
                   infra::contain_failure("the IMAP test server"));
    io.start();
  }

  ~Impl() { io.stop(); }

  awaitable<void> accept(tcp::acceptor& acceptor, bool is_smtp) {
    for (;;) {
      auto [error, socket] = co_await acceptor.async_accept(asio::as_tuple(use_awaitable));
      if (error == asio::error::operation_aborted) co_return;
      if (error) continue;
      asio::co_spawn(acceptor.get_executor(), serve(std::move(socket), is_smtp), asio::detached);
    }
  }

  // One client, until it leaves: a coroutine of its own, so that its
  // arguments live in its frame.
  awaitable<void> serve(tcp::socket socket, bool is_smtp) {
    LineConnection connection(std::move(socket));
    try {
      if (is_smtp)
        co_await converse_smtp(connection);
      else
        co_await converse_imap(connection);
    } catch (const std::exception&) {
      // The client left; the server stays.
    }
  }

  void note(std::vector<std::string>& into, const std::string& line) {
    std::lock_guard lock(mutex);
    into.push_back(line);
  }

  void deliver(std::string data) {
    std::lock_guard lock(mutex);
    mailbox.push_back(StoredMessage{next_uid++, std::move(data), false});
  }

  // ---- SMTP ----

  std::string ehlo_reply(bool encrypted) const {
    std::string reply = "250-localhost\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n";
    if (options.smtp_security == Security::kStartTls && !encrypted) reply += "250-STARTTLS\r\n";
    if ((encrypted || options.smtp_security == Security::kNone) && !options.smtp_auth.empty()) {
      reply += "250-AUTH";
      for (const auto& mechanism : options.smtp_auth)
        reply += " " + mechanism;
      reply += "\r\n";
    }
    return reply + "250 8BITMIME\r\n";
  }

  bool offered(const std::string& mechanism) const {
    return std::ranges::find(options.smtp_auth, mechanism) != options.smtp_auth.end();
  }

  awaitable<void> converse_smtp(LineConnection& connection) {
    if (options.smtp_security == Security::kTls) co_await connection.start_tls(tls);
    co_await connection.write("220 localhost ESMTP nyxmon-test\r\n");
    bool greeted = false;
    std::string mechanism;
    std::optional<ReceivedMail> mail;
    for (;;) {
      const std::string line = co_await connection.read_line();
      note(smtp_commands, line);
      const std::string verb = uppercase(line.substr(0, line.find(' ')));
      const std::string upper = uppercase(line);
      if (verb == "EHLO" || verb == "HELO") {
        greeted = true;
        co_await connection.write(ehlo_reply(connection.secure()));
      } else if (verb == "STARTTLS") {
        if (options.smtp_security != Security::kStartTls || connection.secure()) {
          co_await connection.write("502 5.5.1 Error: command not implemented\r\n");
          continue;
        }
        co_await connection.write("220 2.0.0 Ready to start TLS\r\n");
        co_await connection.start_tls(tls);
        greeted = false;
      } else if (upper.starts_with("AUTH ")) {
        const std::string asked = uppercase(imap_arguments(line.substr(5)).at(0));
        if (!offered(asked) || (!connection.secure() && options.smtp_security != Security::kNone)) {
          co_await connection.write(
              "535 5.7.8 Error: authentication failed: mechanism unavailable\r\n");
          continue;
        }
        std::string user, password;
        if (asked == "PLAIN") {
          auto words = imap_arguments(line.substr(5));
          std::string response = words.size() > 1 ? words[1] : "";
          if (response.empty()) {
            co_await connection.write("334 \r\n");
            response = co_await connection.read_line();
          }
          const std::string decoded = infra::system::base64_decode(response).value_or("");
          const auto first = decoded.find('\0');
          const auto second = decoded.find('\0', first == std::string::npos ? 0 : first + 1);
          if (first != std::string::npos && second != std::string::npos) {
            user = decoded.substr(first + 1, second - first - 1);
            password = decoded.substr(second + 1);
          }
        } else {
          co_await connection.write("334 VXNlcm5hbWU6\r\n");
          user = infra::system::base64_decode(co_await connection.read_line()).value_or("");
          co_await connection.write("334 UGFzc3dvcmQ6\r\n");
          password = infra::system::base64_decode(co_await connection.read_line()).value_or("");
        }
        if (user == options.username && password == options.password) {
          mechanism = asked;
          co_await connection.write("235 2.7.0 Authentication successful\r\n");
        } else {
          co_await connection.write(
              "535 5.7.8 Error: authentication failed: authentication failure\r\n");
        }
      } else if (upper.starts_with("MAIL FROM:")) {
        if (!greeted) {
          co_await connection.write("503 5.5.1 Error: send HELO/EHLO first\r\n");
        } else if (options.smtp_requires_login && mechanism.empty()) {
          co_await connection.write("530 5.7.0 Authentication required\r\n");
        } else {
          mail = ReceivedMail{address_in(line), {}, {}, mechanism, connection.secure()};
          co_await connection.write("250 2.1.0 Ok\r\n");
        }
      } else if (upper.starts_with("RCPT TO:")) {
        const std::string to = address_in(line);
        if (!mail) {
          co_await connection.write("503 5.5.1 Error: need MAIL command\r\n");
        } else if (!options.unknown_recipient.empty() && to == options.unknown_recipient) {
          co_await connection.write("550 5.1.1 <" + to +
                                    ">: Recipient address rejected: User unknown\r\n");
        } else {
          mail->to.push_back(to);
          co_await connection.write("250 2.1.5 Ok\r\n");
        }
      } else if (verb == "DATA") {
        if (!mail || mail->to.empty()) {
          co_await connection.write("554 5.5.1 Error: no valid recipients\r\n");
          continue;
        }
        co_await connection.write("354 End data with <CR><LF>.<CR><LF>\r\n");
        for (;;) {
          std::string data_line = co_await connection.read_line();
          if (data_line == ".") break;
          if (data_line.starts_with('.')) data_line.erase(0, 1);
          mail->data += data_line + "\r\n";
        }
        std::size_t queued = 0;
        {
          std::lock_guard lock(mutex);
          received.push_back(*mail);
          queued = received.size();
        }
        if (options.deliver) schedule_delivery(mail->data);
        mail.reset();
        co_await connection.write("250 2.0.0 Ok: queued as 4F" + std::to_string(queued) + "\r\n");
      } else if (verb == "RSET") {
        mail.reset();
        co_await connection.write("250 2.0.0 Ok\r\n");
      } else if (verb == "NOOP") {
        co_await connection.write("250 2.0.0 Ok\r\n");
      } else if (verb == "QUIT") {
        co_await connection.write("221 2.0.0 Bye\r\n");
        connection.close();
        co_return;
      } else {
        co_await connection.write("502 5.5.2 Error: command not recognized\r\n");
      }
    }
  }

  void schedule_delivery(std::string data) {
    if (options.delivery_delay.count() == 0) return deliver(std::move(data));
    auto later = [](Impl* self, std::string message) -> awaitable<void> {
      asio::steady_timer timer(self->io.context(), self->options.delivery_delay);
      co_await timer.async_wait(use_awaitable);
      self->deliver(std::move(message));
    };
    asio::co_spawn(io.context(), later(this, std::move(data)), asio::detached);
  }

  // ---- IMAP ----

  std::string capabilities(bool encrypted, bool logged_in) const {
    std::string words = "IMAP4rev1 LITERAL+ IDLE";
    if (!logged_in && options.imap_security == Security::kStartTls && !encrypted)
      words += " STARTTLS";
    if (!logged_in && !encrypted && options.imap_security != Security::kNone)
      words += " LOGINDISABLED";
    if (options.uidplus) words += " UIDPLUS";
    return words;
  }

  std::size_t exists() const {
    std::lock_guard lock(mutex);
    return mailbox.size();
  }

  awaitable<void> converse_imap(LineConnection& connection) {
    if (options.imap_security == Security::kTls) co_await connection.start_tls(tls);
    co_await connection.write("* OK [CAPABILITY " + capabilities(connection.secure(), false) +
                              "] Dovecot ready.\r\n");
    bool logged_in = false;
    bool selected = false;
    std::size_t known = 0;
    for (;;) {
      const std::string line = co_await connection.read_line();
      const auto space = line.find(' ');
      const std::string tag = line.substr(0, space);
      const std::string rest = space == std::string::npos ? "" : line.substr(space + 1);
      auto words = imap_arguments(rest);
      std::string command = words.empty() ? "" : uppercase(words[0]);
      if (command == "UID" && words.size() > 1) command += " " + uppercase(words[1]);
      note(imap_commands, rest);
      const auto answer = [&](const std::string& text) {
        return connection.write(tag + " " + text + "\r\n");
      };

      if (command == "CAPABILITY") {
        co_await connection.write("* CAPABILITY " + capabilities(connection.secure(), logged_in) +
                                  "\r\n");
        co_await answer("OK Pre-login capabilities listed, post-login capabilities have more.");
      } else if (command == "STARTTLS") {
        if (options.imap_security != Security::kStartTls || connection.secure()) {
          co_await answer("BAD TLS is already active.");
          continue;
        }
        co_await answer("OK Begin TLS negotiation now.");
        co_await connection.start_tls(tls);
      } else if (command == "LOGIN") {
        if (!connection.secure() && options.imap_security != Security::kNone) {
          co_await answer(
              "NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS) "
              "connections.");
        } else if (words.size() == 3 && words[1] == options.username &&
                   words[2] == options.password) {
          logged_in = true;
          co_await answer("OK [CAPABILITY " + capabilities(true, true) + "] Logged in");
        } else {
          co_await answer("NO [AUTHENTICATIONFAILED] Authentication failed.");
        }
      } else if (command == "LOGOUT") {
        co_await connection.write("* BYE Logging out\r\n");
        co_await answer("OK Logout completed.");
        connection.close();
        co_return;
      } else if (command == "NOOP" && !selected) {
        co_await answer("OK NOOP completed.");
      } else if (!logged_in) {
        co_await answer("BAD Error in IMAP command " + command + ": Not logged in.");
      } else if (command == "SELECT") {
        if (words.size() != 2 || !equal_ignoring_case(words[1], "INBOX")) {
          co_await answer("NO [NONEXISTENT] Mailbox doesn't exist: " +
                          (words.size() > 1 ? words[1] : std::string()));
          continue;
        }
        selected = true;
        known = exists();
        std::uint32_t uid_next = 0;
        {
          std::lock_guard lock(mutex);
          uid_next = next_uid;
        }
        co_await connection.write("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n* " +
                                  std::to_string(known) +
                                  " EXISTS\r\n* 0 RECENT\r\n* OK [UIDVALIDITY 1764000000] UIDs "
                                  "valid\r\n* OK [UIDNEXT " +
                                  std::to_string(uid_next) + "] Predicted next UID\r\n");
        co_await answer("OK [READ-WRITE] Select completed.");
      } else if (!selected) {
        co_await answer("BAD Error in IMAP command " + command + ": No mailbox selected.");
      } else if (command == "NOOP") {
        if (const std::size_t now = exists(); now != known) {
          known = now;
          co_await connection.write("* " + std::to_string(now) + " EXISTS\r\n");
        }
        co_await answer("OK NOOP completed.");
      } else if (command == "UID SEARCH") {
        if (words.size() != 5 || uppercase(words[2]) != "HEADER") {
          co_await answer("BAD Error in IMAP command UID SEARCH: unsupported search");
          continue;
        }
        std::string uids;
        {
          std::lock_guard lock(mutex);
          for (const StoredMessage& message : mailbox) {
            auto value = header_value(message.data, words[3]);
            if (value && uppercase(*value).find(uppercase(words[4])) != std::string::npos)
              uids += " " + std::to_string(message.uid);
          }
        }
        co_await connection.write("* SEARCH" + uids + "\r\n");
        co_await answer("OK Search completed (0.001 + 0.000 secs).");
      } else if (command == "UID STORE") {
        if (words.size() != 5 || !uppercase(words[3]).starts_with("+FLAGS") ||
            uppercase(words[4]).find("\\DELETED") == std::string::npos) {
          co_await answer("BAD Error in IMAP command UID STORE: unsupported");
          continue;
        }
        {
          std::lock_guard lock(mutex);
          for (StoredMessage& message : mailbox)
            if (in_uid_set(words[2], message.uid)) message.deleted = true;
        }
        co_await answer("OK Store completed.");
      } else if (command == "EXPUNGE" || (command == "UID EXPUNGE" && options.uidplus)) {
        const std::string set = command == "EXPUNGE" ? "1:*" : (words.size() > 2 ? words[2] : "");
        std::string untagged;
        {
          std::lock_guard lock(mutex);
          for (std::size_t i = mailbox.size(); i-- > 0;) {
            if (mailbox[i].deleted && in_uid_set(set, mailbox[i].uid)) {
              untagged += "* " + std::to_string(i + 1) + " EXPUNGE\r\n";
              mailbox.erase(mailbox.begin() + static_cast<std::ptrdiff_t>(i));
            }
          }
          known = mailbox.size();
        }
        co_await connection.write(untagged);
        co_await answer("OK Expunge completed.");
      } else {
        co_await answer("BAD Error in IMAP command " + command + ": Unknown command.");
      }
    }
  }
};

MailTestServer::MailTestServer(const TestCertificate& identity, MailTestOptions options)
    : impl_(std::make_unique<Impl>(identity, std::move(options))) {}

MailTestServer::~MailTestServer() = default;

std::uint16_t MailTestServer::smtp_port() const {
  return impl_->smtp.local_endpoint().port();
}

std::uint16_t MailTestServer::imap_port() const {
  return impl_->imap.local_endpoint().port();
}

std::vector<ReceivedMail> MailTestServer::received() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->received;
}

std::size_t MailTestServer::mailbox_size() const {
  return impl_->exists();
}

void MailTestServer::add_to_mailbox(std::string data) {
  impl_->deliver(std::move(data));
}

std::vector<std::string> MailTestServer::smtp_commands() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->smtp_commands;
}

std::vector<std::string> MailTestServer::imap_commands() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->imap_commands;
}

}  // namespace nyxmon::testing
