#include "infrastructure/runtime/control_socket.hpp"

#include <sys/stat.h>

#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <boost/json.hpp>
#include <istream>

#include "infrastructure/runtime/control_request.hpp"

namespace nyxmon::infra::runtime {

namespace asio = boost::asio;
namespace json = boost::json;
using asio::local::stream_protocol;
using namespace nyxmon::domain;

namespace {

constexpr std::size_t kMaxRequestBytes = 4 << 20;

std::string answer(const CommandOutcome& outcome) {
  json::object reply;
  reply["ok"] = outcome.accepted();
  if (outcome.accepted()) {
    reply["events"] = outcome.event_count;
  } else {
    reply["error"] = outcome.rejection->message;
    reply["code"] = error_code_name(outcome.rejection->code);
    if (!outcome.rejection->where.empty()) reply["where"] = outcome.rejection->where;
  }
  return json::serialize(reply) + "\n";
}

std::string error_answer(const Error& error) {
  return json::serialize(json::object{
             {"ok", false}, {"error", error.message}, {"code", error_code_name(error.code)}}) +
         "\n";
}

}  // namespace

struct ControlSocket::Impl : std::enable_shared_from_this<Impl> {
  Impl(asio::io_context& io, std::filesystem::path path, SubmitWork submit, BackupWork backup)
      : acceptor(io), path(std::move(path)), submit(std::move(submit)), backup(std::move(backup)) {}

  void accept() {
    acceptor.async_accept([self = shared_from_this()](boost::system::error_code error,
                                                      stream_protocol::socket socket) {
      if (error) return;  // closed
      self->serve(std::make_shared<stream_protocol::socket>(std::move(socket)));
      self->accept();
    });
  }

  void serve(std::shared_ptr<stream_protocol::socket> socket) {
    auto buffer = std::make_shared<asio::streambuf>(kMaxRequestBytes);
    asio::async_read_until(
        *socket, *buffer, '\n',
        [self = shared_from_this(), socket, buffer](boost::system::error_code error, std::size_t) {
          if (error) {
            self->reply(socket,
                        error_answer(Error::invalid_argument("request too large or cut short")));
            return;
          }
          std::istream in(buffer.get());
          std::string line;
          std::getline(in, line);
          if (self->take_backup(socket, line)) return;
          auto parsed = parse_control_request(line);
          if (!parsed) {
            self->reply(socket, error_answer(parsed.error()));
            return;
          }
          auto respond = [self, socket](const CommandOutcome& outcome) {
            asio::post(socket->get_executor(),
                       [self, socket, text = answer(outcome)] { self->reply(socket, text); });
          };
          self->submit(std::move(*parsed), respond);
        });
  }

  // A backup request is not a command for the core: the backup runner
  // answers it when the backup is done. False for any other request.
  bool take_backup(const std::shared_ptr<stream_protocol::socket>& socket,
                   const std::string& line) {
    boost::system::error_code error;
    const json::value request = json::parse(line, error);
    if (error || !request.is_object()) return false;
    const auto* command = request.as_object().if_contains("command");
    if (!command || !command->is_string() || command->as_string() != "backup") return false;
    const auto* to = request.as_object().if_contains("to");
    const auto* keep = request.as_object().if_contains("keep");
    if (!to || !to->is_string() || to->as_string().empty() ||
        (keep && (!keep->is_int64() || keep->as_int64() < 1))) {
      reply(socket, error_answer(Error::invalid_argument(
                        "a backup request needs \"to\" (a directory) and, if any, a \"keep\" "
                        "of 1 or more")));
      return true;
    }
    if (!backup) {
      reply(socket, error_answer(Error::unsupported("this engine takes no backups")));
      return true;
    }
    backup(std::string(to->as_string()), keep ? static_cast<std::size_t>(keep->as_int64()) : 7,
           [self = shared_from_this(), socket](std::string text) {
             asio::post(socket->get_executor(),
                        [self, socket, text = std::move(text)] { self->reply(socket, text); });
           });
    return true;
  }

  void reply(std::shared_ptr<stream_protocol::socket> socket, std::string text) {
    auto body = std::make_shared<std::string>(std::move(text));
    asio::async_write(*socket, asio::buffer(*body),
                      [socket, body](boost::system::error_code, std::size_t) {
                        boost::system::error_code ignored;
                        socket->close(ignored);
                      });
  }

  stream_protocol::acceptor acceptor;
  std::filesystem::path path;
  SubmitWork submit;
  BackupWork backup;
};

Result<ControlListener> ControlListener::bind(const std::filesystem::path& path) {
  asio::io_context scratch;
  {
    stream_protocol::socket probe(scratch);
    boost::system::error_code answered;
    probe.connect(stream_protocol::endpoint(path.string()), answered);
    if (!answered) {
      return fail(Error::unavailable("another engine runs on " + path.parent_path().string() +
                                     " (its control socket " + path.string() +
                                     " answers); stop it first"));
    }
  }
  std::error_code ignored;
  std::filesystem::remove(path, ignored);  // stale, from an engine that died
  stream_protocol::acceptor acceptor(scratch);
  boost::system::error_code error;
  const mode_t previous = ::umask(0177);
  acceptor.open(stream_protocol(), error);
  if (!error) acceptor.bind(stream_protocol::endpoint(path.string()), error);
  if (!error) acceptor.listen(64, error);
  ::umask(previous);
  if (error) {
    return fail(
        Error::io("cannot listen on the control socket " + path.string() + ": " + error.message()));
  }
  ControlListener listener;
  listener.path_ = path;
  listener.descriptor_ = system::OwnedDescriptor(acceptor.release());
  return listener;
}

ControlListener::~ControlListener() {
  if (!descriptor_) return;
  std::error_code ignored;
  std::filesystem::remove(path_, ignored);
}

std::string backup_answer(const Result<eventstore::EventStore::Backup>& outcome) {
  if (!outcome) return error_answer(outcome.error());
  return json::serialize(json::object{{"ok", true},
                                      {"backup", json::object{{"id", outcome->id},
                                                              {"sequence", outcome->sequence},
                                                              {"bytes", outcome->bytes},
                                                              {"files", outcome->files},
                                                              {"kept", outcome->kept}}}}) +
         "\n";
}

std::unique_ptr<ControlSocket> ControlSocket::open(asio::io_context& io, ControlListener listener,
                                                   SubmitWork submit, BackupWork backup) {
  auto impl = std::make_shared<Impl>(io, listener.path_, std::move(submit), std::move(backup));
  impl->acceptor.assign(stream_protocol(), listener.descriptor_.release());
  impl->accept();
  return std::unique_ptr<ControlSocket>(new ControlSocket(impl));
}

ControlSocket::~ControlSocket() {
  auto impl = impl_;
  // The acceptor belongs to the I/O thread; close it there.
  asio::post(impl->acceptor.get_executor(), [impl] {
    boost::system::error_code ignored_too;
    impl->acceptor.close(ignored_too);
  });
  std::error_code removed;
  std::filesystem::remove(impl->path, removed);
}

Result<std::string> send_control_request(const std::filesystem::path& data_directory,
                                         const std::string& request_json) {
  asio::io_context io;
  stream_protocol::socket socket(io);
  boost::system::error_code error;
  socket.connect(stream_protocol::endpoint((data_directory / "nyxmon.sock").string()), error);
  if (error) {
    return fail(Error::unavailable("no running engine answers at " +
                                   (data_directory / "nyxmon.sock").string()));
  }
  asio::write(socket, asio::buffer(request_json + "\n"), error);
  if (error) return fail(Error::io("sending to the engine failed: " + error.message()));
  asio::streambuf buffer;
  asio::read_until(socket, buffer, '\n', error);
  if (error && buffer.size() == 0)
    return fail(Error::io("the engine did not answer: " + error.message()));
  std::istream in(&buffer);
  std::string line;
  std::getline(in, line);
  return line;
}

}  // namespace nyxmon::infra::runtime
