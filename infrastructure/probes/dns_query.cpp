#include "infrastructure/probes/dns_query.hpp"

#include <ares.h>
#include <arpa/inet.h>
#include <arpa/nameser.h>

#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <map>
#include <memory>
#include <mutex>

#include "infrastructure/probes/dns_response.hpp"
#include "infrastructure/probes/failure_reason.hpp"

namespace nyxmon::infra::probes {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

const char* to_string(DnsRecordType type) {
  switch (type) {
    case DnsRecordType::kA:
      return "A";
    case DnsRecordType::kAaaa:
      return "AAAA";
    case DnsRecordType::kCname:
      return "CNAME";
    case DnsRecordType::kMx:
      return "MX";
    case DnsRecordType::kTxt:
      return "TXT";
    case DnsRecordType::kNs:
      return "NS";
    case DnsRecordType::kSoa:
      return "SOA";
  }
  return "?";
}

namespace {

int wire_type(DnsRecordType type) {
  switch (type) {
    case DnsRecordType::kA:
      return ns_t_a;
    case DnsRecordType::kAaaa:
      return ns_t_aaaa;
    case DnsRecordType::kCname:
      return ns_t_cname;
    case DnsRecordType::kMx:
      return ns_t_mx;
    case DnsRecordType::kTxt:
      return ns_t_txt;
    case DnsRecordType::kNs:
      return ns_t_ns;
    case DnsRecordType::kSoa:
      return ns_t_soa;
  }
  return ns_t_a;
}

// The rcode behind a c-ares status, for statuses that mean "the server
// answered with this rcode"; nullptr for the others.
const char* rcode_of_status(int status) {
  switch (status) {
    case ARES_ENODATA:
      return "NOERROR";
    case ARES_ENOTFOUND:
      return "NXDOMAIN";
    case ARES_ESERVFAIL:
      return "SERVFAIL";
    case ARES_EREFUSED:
      return "REFUSED";
    case ARES_EFORMERR:
      return "FORMERR";
    case ARES_ENOTIMP:
      return "NOTIMP";
    default:
      return nullptr;
  }
}

class Query : public std::enable_shared_from_this<Query> {
 public:
  Query(asio::any_io_executor executor, DnsQueryRequest request,
        std::function<void(DnsQueryResult)> done)
      : executor_(executor),
        request_(std::move(request)),
        done_(std::move(done)),
        timer_(executor),
        started_(Clock::now()) {}

  ~Query() {
    if (channel_ != nullptr) ares_destroy(channel_);
  }

  void start() {
    self_ = shared_from_this();
    static std::once_flag initialised;
    std::call_once(initialised, [] { ares_library_init(ARES_LIB_INIT_ALL); });

    ares_options options{};
    options.sock_state_cb = &Query::on_socket_state;
    options.sock_state_cb_data = this;
    options.timeout = static_cast<int>(std::max<std::int64_t>(
        1, std::chrono::duration_cast<std::chrono::milliseconds>(request_.timeout).count()));
    options.tries = 1;
    // Report SERVFAIL/REFUSED/NOTIMP answers as such instead of trying
    // other servers and ending with an unrelated error.
    options.flags = ARES_FLAG_NOCHECKRESP;
    const int mask = ARES_OPT_SOCK_STATE_CB | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES | ARES_OPT_FLAGS;
    if (ares_init_options(&channel_, &options, mask) != ARES_SUCCESS) {
      return finish_with("cannot initialise the DNS resolver");
    }
    if (!request_.server.empty() &&
        ares_set_servers_ports_csv(channel_, request_.server.c_str()) != ARES_SUCCESS) {
      return finish_with("'" + request_.server +
                         "' is not a DNS server address (use ip or ip:port)");
    }
    ares_query(channel_, request_.name.c_str(), ns_c_in, wire_type(request_.type),
               &Query::on_answer, this);
    arm_timer();
  }

 private:
  struct Watch {
    std::unique_ptr<asio::posix::stream_descriptor> descriptor;
    bool want_read = false, want_write = false;
    bool reading = false, writing = false;
  };

  static void on_socket_state(void* data, ares_socket_t fd, int readable, int writable) {
    auto* query = static_cast<Query*>(data);
    if (!readable && !writable) {
      if (auto it = query->watches_.find(fd); it != query->watches_.end()) {
        it->second->descriptor->cancel();
        it->second->descriptor->release();  // c-ares closes its own socket
        query->watches_.erase(it);
      }
      return;
    }
    auto& watch = query->watches_[fd];
    if (!watch) {
      watch = std::make_shared<Watch>();
      watch->descriptor = std::make_unique<asio::posix::stream_descriptor>(query->executor_, fd);
    }
    watch->want_read = readable;
    watch->want_write = writable;
    query->wait_on(fd, watch);
  }

  void wait_on(ares_socket_t fd, const std::shared_ptr<Watch>& watch) {
    if (watch->want_read && !watch->reading) {
      watch->reading = true;
      watch->descriptor->async_wait(
          asio::posix::stream_descriptor::wait_read,
          [self = shared_from_this(), fd, watch](boost::system::error_code error) {
            watch->reading = false;
            if (error || self->finished_) return;
            ares_process_fd(self->channel_, fd, ARES_SOCKET_BAD);
            if (!self->finished_ && self->watches_.count(fd)) self->wait_on(fd, watch);
          });
    }
    if (watch->want_write && !watch->writing) {
      watch->writing = true;
      watch->descriptor->async_wait(
          asio::posix::stream_descriptor::wait_write,
          [self = shared_from_this(), fd, watch](boost::system::error_code error) {
            watch->writing = false;
            if (error || self->finished_) return;
            ares_process_fd(self->channel_, ARES_SOCKET_BAD, fd);
            if (!self->finished_ && self->watches_.count(fd)) self->wait_on(fd, watch);
          });
    }
  }

  void arm_timer() {
    if (finished_) return;
    timeval limit{}, next{};
    limit.tv_sec = 1;
    ares_timeout(channel_, &limit, &next);
    timer_.expires_after(std::chrono::seconds(next.tv_sec) +
                         std::chrono::microseconds(next.tv_usec));
    timer_.async_wait([self = shared_from_this()](boost::system::error_code error) {
      if (error || self->finished_) return;
      if (Clock::now() - self->started_ > self->request_.timeout + std::chrono::milliseconds(50)) {
        self->timed_out_ = true;
        ares_cancel(self->channel_);  // calls on_answer with ARES_ECANCELLED
        return;
      }
      ares_process_fd(self->channel_, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
      self->arm_timer();
    });
  }

  static void on_answer(void* data, int status, int /*timeouts*/, unsigned char* response,
                        int length) {
    auto* query = static_cast<Query*>(data);
    DnsQueryResult result;
    const std::string server =
        query->request_.server.empty() ? "the system resolver" : query->request_.server;
    if (response != nullptr && length >= 12) {
      DnsResponse read =
          read_dns_response(query->request_.type, {response, static_cast<std::size_t>(length)});
      result.rcode = std::move(read.rcode);
      result.answers = std::move(read.answers);
      if (read.malformed) result.failure = "malformed DNS response from " + server;
    } else if (const char* rcode = rcode_of_status(status)) {
      result.rcode = rcode;  // c-ares keeps some negative responses to itself
    } else if (status == ARES_ETIMEOUT || status == ARES_ECANCELLED || query->timed_out_) {
      result.timed_out = true;
      result.failure =
          "timed out after " + format_duration(query->request_.timeout) + " waiting for " + server;
    } else if (status == ARES_EBADRESP) {
      result.failure = "malformed DNS response from " + server;
    } else if (status == ARES_ECONNREFUSED) {
      result.failure = "connection refused by " + server;
    } else {
      result.failure = std::string("DNS query failed: ") + ares_strerror(status);
    }
    query->finish(std::move(result));
  }

  void finish_with(std::string failure) {
    DnsQueryResult result;
    result.failure = std::move(failure);
    finish(std::move(result));
  }

  void finish(DnsQueryResult result) {
    if (finished_) return;
    finished_ = true;
    result.duration = Clock::now() - started_;
    timer_.cancel();
    // Report from a fresh handler: c-ares must not be re-entered or destroyed
    // from inside its own callback.
    asio::post(executor_, [self = std::move(self_), done = std::move(done_),
                           result = std::move(result)]() mutable {
      for (auto& [fd, watch] : self->watches_) {
        watch->descriptor->cancel();
        watch->descriptor->release();
      }
      self->watches_.clear();
      done(std::move(result));
    });
  }

  asio::any_io_executor executor_;
  DnsQueryRequest request_;
  std::function<void(DnsQueryResult)> done_;
  asio::steady_timer timer_;
  Clock::time_point started_;
  ares_channel channel_ = nullptr;
  std::map<ares_socket_t, std::shared_ptr<Watch>> watches_;
  std::shared_ptr<Query> self_;  // keeps the query alive until it has answered
  bool finished_ = false;
  bool timed_out_ = false;
};

}  // namespace

void start_dns_query(asio::any_io_executor executor, DnsQueryRequest request,
                     std::function<void(DnsQueryResult)> done) {
  auto query = std::make_shared<Query>(executor, std::move(request), std::move(done));
  query->start();
}

}  // namespace nyxmon::infra::probes
