// byte_streams.hpp — std::streambuf adapters so cereal can read from and write
// to memory without copying through std::stringstream.
#pragma once

#include <streambuf>
#include <string>
#include <string_view>

namespace nyxmon::infra::eventstore {

// Reads from a borrowed byte range; the range must outlive the buffer.
class ByteSource : public std::streambuf {
 public:
  ByteSource() = default;
  explicit ByteSource(std::string_view bytes) { reset(bytes); }

  // Reads from `bytes` from now on.
  void reset(std::string_view bytes) {
    char* begin = const_cast<char*>(bytes.data());
    setg(begin, begin, begin + bytes.size());
  }

 protected:
  std::streamsize xsgetn(char* out, std::streamsize count) override {
    const std::streamsize available = egptr() - gptr();
    const std::streamsize n = count < available ? count : available;
    traits_type::copy(out, gptr(), static_cast<std::size_t>(n));
    gbump(static_cast<int>(n));
    return n;
  }
};

// Appends everything written to a borrowed string.
class ByteSink : public std::streambuf {
 public:
  explicit ByteSink(std::string& out) : out_(out) {}

 protected:
  std::streamsize xsputn(const char* bytes, std::streamsize count) override {
    out_.append(bytes, static_cast<std::size_t>(count));
    return count;
  }
  int_type overflow(int_type c) override {
    if (!traits_type::eq_int_type(c, traits_type::eof()))
      out_.push_back(traits_type::to_char_type(c));
    return traits_type::not_eof(c);
  }

 private:
  std::string& out_;
};

}  // namespace nyxmon::infra::eventstore
