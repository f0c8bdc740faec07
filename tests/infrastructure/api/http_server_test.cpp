// The engine's HTTP server on loopback, with a real client and raw sockets:
// what a well-behaved client gets, and what a hostile or broken one gets
// (oversized headers and bodies, garbage, silence, trickled headers, too many
// connections, slowloris).
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "infrastructure/api/http_server.hpp"
#include "infrastructure/runtime/io_runtime.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/raw_connection.hpp"

namespace nyxmon::infra::api {
namespace {

using namespace std::chrono_literals;
using testing::http_request;
using testing::raw_exchange;
using testing::RawConnection;

class HttpServerTest : public ::testing::Test {
 protected:
  void start(HttpLimits limits) {
    auto server = HttpServer::start(
        io_.context(), "127.0.0.1:0",
        [this](HttpRequest request, Respond respond) {
          handle(std::move(request), std::move(respond));
        },
        limits);
    ASSERT_TRUE(server) << server.error().message;
    server_ = std::move(*server);
  }
  void TearDown() override {
    for (auto& thread : late_)
      thread.join();
    server_.reset();
    io_.stop();
  }

  void handle(HttpRequest request, Respond respond) {
    if (request.path == "/never") return;  // the handler forgets to answer
    if (request.path == "/throws") throw std::invalid_argument("stod");  // a bug behind it
    if (request.path == "/later") {
      late_.emplace_back([respond] {
        std::this_thread::sleep_for(50ms);
        HttpResponse response;
        response.body = "{\"late\":true}";
        respond(response);
      });
      return;
    }
    HttpResponse response;
    response.content_type = "text/plain";
    response.body = request.method + " " + request.path + " ?" + request.query + " " +
                    std::to_string(request.body.size()) + " " + request.authorization;
    respond(response);
  }

  std::string url(std::string_view path) const {
    return "http://127.0.0.1:" + std::to_string(server_->port()) + std::string(path);
  }

  runtime::IoRuntime io_{1};
  std::unique_ptr<HttpServer> server_;
  std::vector<std::thread> late_;
};

TEST_F(HttpServerTest, HandsRequestsToTheHandlerAndReturnsItsAnswer) {
  start({});
  const auto reply =
      http_request("POST", url("/a/b?x=1"), {{"Authorization", "Bearer t"}}, "hello");
  ASSERT_EQ(reply.failure, "");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "POST /a/b ?x=1 5 Bearer t");
  EXPECT_EQ(reply.header("Content-Type"), "text/plain");
  EXPECT_EQ(reply.header("Server"), "nyxmon");
}

TEST_F(HttpServerTest, AnswersGivenLaterFromAnotherThreadArrive) {
  start({});
  const auto reply = http_request("GET", url("/later"));
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "{\"late\":true}");
}

TEST_F(HttpServerTest, AHandlerThatNeverAnswersGives503) {
  start({.handler_timeout = 200ms});
  const auto reply = http_request("GET", url("/never"));
  EXPECT_EQ(reply.status, 503);
  EXPECT_NE(reply.body.find("\"error\""), std::string::npos);
}

TEST_F(HttpServerTest, KeepsConnectionsAliveBetweenRequests) {
  start({});
  const std::string two =
      "GET /one HTTP/1.1\r\nHost: x\r\n\r\nGET /two HTTP/1.1\r\nHost: x\r\nConnection: "
      "close\r\n\r\n";
  const std::string answer = raw_exchange(server_->port(), two);
  EXPECT_NE(answer.find("GET /one"), std::string::npos) << answer;
  EXPECT_NE(answer.find("GET /two"), std::string::npos) << answer;
}

TEST_F(HttpServerTest, HeadGetsTheHeadersWithoutTheBody) {
  start({});
  const std::string answer =
      raw_exchange(server_->port(), "HEAD /x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 200")) << answer;
  EXPECT_NE(answer.find("Content-Length: 12"), std::string::npos) << answer;  // "HEAD /x ? 0 "
  EXPECT_TRUE(answer.ends_with("\r\n\r\n")) << answer;
}

TEST_F(HttpServerTest, OversizedHeadersGet431WithAJsonError) {
  start({.max_header_bytes = 1024});
  const std::string request =
      "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(4096, 'a') + "\r\n\r\n";
  const std::string answer = raw_exchange(server_->port(), request);
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 431")) << answer;
  EXPECT_NE(answer.find("{\"error\":\"request headers are larger than the limit\"}"),
            std::string::npos);
}

TEST_F(HttpServerTest, OversizedBodiesGet413) {
  start({.max_body_bytes = 1000});
  const auto reply = http_request("POST", url("/upload"), {}, std::string(5000, 'x'));
  EXPECT_EQ(reply.status, 413);
  EXPECT_NE(reply.body.find("body is larger than the limit"), std::string::npos);
}

TEST_F(HttpServerTest, GarbageGets400AndTheServerCarriesOn) {
  start({});
  const std::string answer = raw_exchange(server_->port(), "\x16\x03\x01 not http at all\r\n\r\n");
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 400")) << answer;
  EXPECT_NE(answer.find("malformed HTTP request"), std::string::npos);
  EXPECT_EQ(http_request("GET", url("/after")).status, 200);
}

TEST_F(HttpServerTest, ASilentClientIsCutOffAfterTheReadTimeout) {
  start({.read_timeout = 300ms});
  const auto started = std::chrono::steady_clock::now();
  // Half a request line, then nothing: the server must close, not wait.
  const std::string answer = raw_exchange(server_->port(), "GET /slow", 5s);
  const auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(answer, "");
  EXPECT_LT(waited, 3s);
  EXPECT_EQ(http_request("GET", url("/after")).status, 200);
}

TEST_F(HttpServerTest, AtTheCapTheConnectionWaitingLongestIsClosedToLetANewcomerIn) {
  start({.max_connections = 2});
  RawConnection oldest("127.0.0.2", server_->port());
  std::this_thread::sleep_for(50ms);
  RawConnection younger("127.0.0.3", server_->port());
  std::this_thread::sleep_for(50ms);
  const auto reply = http_request("GET", url("/newcomer"));
  EXPECT_EQ(reply.status, 200) << reply.failure;
  EXPECT_TRUE(oldest.closed_by_server(1s));
  EXPECT_FALSE(younger.closed_by_server(200ms)) << "one was enough";
}

TEST_F(HttpServerTest, WhenEveryConnectionIsBeingAnsweredANewcomerIsClosed) {
  start({.handler_timeout = 1500ms, .max_connections = 2});
  std::vector<std::thread> busy;
  for (int i = 0; i < 2; ++i)
    busy.emplace_back([this] { http_request("GET", url("/never")); });
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(raw_exchange(server_->port(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n", 1s), "");
  for (auto& thread : busy)
    thread.join();
  EXPECT_EQ(http_request("GET", url("/after")).status, 200);
}

TEST_F(HttpServerTest, AnAddressAtItsCapMakesRoomFromItsOwnConnections) {
  start({.max_connections = 100, .max_connections_per_address = 2});
  RawConnection other("127.0.0.3", server_->port());
  RawConnection first("127.0.0.2", server_->port());
  std::this_thread::sleep_for(50ms);
  RawConnection second("127.0.0.2", server_->port());
  std::this_thread::sleep_for(50ms);
  RawConnection third("127.0.0.2", server_->port());
  EXPECT_TRUE(third.send("GET /third HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  EXPECT_NE(third.receive(2s).find("GET /third"), std::string::npos);
  EXPECT_TRUE(first.closed_by_server(1s));
  EXPECT_FALSE(other.closed_by_server(200ms)) << "older, but from another address";
}

TEST_F(HttpServerTest, AClientTricklingItsHeadersIsClosedAtTheHeaderDeadline) {
  start({.read_timeout = 10s, .header_timeout = 500ms});
  RawConnection slow("127.0.0.2", server_->port());
  const std::string request = "GET /slow HTTP/1.1\r\nHost: x\r\nX-Padding: aaaaaaaaaaaaaaaaaaaa";
  const auto started = std::chrono::steady_clock::now();
  bool closed = false;
  for (std::size_t i = 0; i < request.size() && !closed; ++i) {
    slow.send(request.substr(i, 1));  // one byte every 100 ms: never silent for long
    closed = slow.closed_by_server(100ms);
  }
  const auto lasted = std::chrono::steady_clock::now() - started;
  EXPECT_TRUE(closed) << "still open after " << request.size() << " bytes";
  EXPECT_GE(lasted, 400ms);
  EXPECT_LT(lasted, 2s) << "the header deadline, not the read timeout, closed it";
  EXPECT_EQ(http_request("GET", url("/after")).status, 200);
}

TEST_F(HttpServerTest, AnIdleKeptAliveConnectionIsNotHeldToTheHeaderDeadline) {
  start({.read_timeout = 3s, .header_timeout = 300ms});
  RawConnection client("127.0.0.1", server_->port());
  ASSERT_TRUE(client.send("GET /one HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_NE(client.receive(300ms).find("GET /one"), std::string::npos);
  std::this_thread::sleep_for(800ms);  // idle between requests, longer than the header deadline
  ASSERT_TRUE(client.send("GET /two HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  EXPECT_NE(client.receive(2s).find("GET /two"), std::string::npos);
}

// Slowloris: more slow clients than the server has connections, each
// sending a byte now and then and coming back when closed. A normal client
// must still be answered every time.
TEST_F(HttpServerTest, ManySlowClientsDoNotCrowdOutANormalOne) {
  start({.read_timeout = 5s, .header_timeout = 1s, .max_connections = 16});
  std::atomic<bool> stop = false;
  std::thread slowloris([this, &stop] {
    std::vector<RawConnection> slow;
    std::vector<std::string> sources;
    for (int i = 0; i < 40; ++i) {
      sources.push_back("127.0.0." + std::to_string(2 + i % 4));  // 10 from each of 4
      slow.emplace_back(sources.back(), server_->port());
    }
    while (!stop) {
      for (std::size_t i = 0; i < slow.size(); ++i) {
        if (!slow[i].send("G") || slow[i].closed_by_server(0ms))
          slow[i] = RawConnection(sources[i], server_->port());
      }
      std::this_thread::sleep_for(200ms);
    }
  });
  std::this_thread::sleep_for(500ms);
  int answered = 0;
  for (int i = 0; i < 30; ++i) {
    answered += http_request("GET", url("/normal"), {}, {}, 2s).status == 200;
    std::this_thread::sleep_for(50ms);
  }
  stop = true;
  slowloris.join();
  EXPECT_EQ(answered, 30);
}

// A handler that throws used to end the connection's coroutine without an
// answer and without giving its slot back: max_connections such requests
// locked everybody out.
TEST_F(HttpServerTest, AHandlerThatThrowsGives500AndReleasesItsConnection) {
  start({.max_connections = 4});
  for (int i = 0; i < 12; ++i) {
    const auto reply = http_request("GET", url("/throws"));
    ASSERT_EQ(reply.status, 500) << "request " << i << ": " << reply.failure;
    EXPECT_NE(reply.body.find("internal error"), std::string::npos) << reply.body;
  }
  const auto after = http_request("GET", url("/fine"));
  EXPECT_EQ(after.status, 200) << after.failure;
}

TEST(ListenAddress, ParsesHostAndPortAndNamesWhatIsWrong) {
  auto v4 = parse_listen_address("127.0.0.1:8787");
  ASSERT_TRUE(v4);
  EXPECT_EQ(v4->first, "127.0.0.1");
  EXPECT_EQ(v4->second, 8787);
  auto v6 = parse_listen_address("[::1]:0");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->first, "::1");
  for (const char* bad : {"localhost", ":80", "127.0.0.1:", "127.0.0.1:99999", "example.com:80"}) {
    auto parsed = parse_listen_address(bad);
    ASSERT_FALSE(parsed) << bad;
    EXPECT_NE(parsed.error().message.find(bad), std::string::npos) << parsed.error().message;
  }
}

}  // namespace
}  // namespace nyxmon::infra::api
