// byte_streams.hpp — a std::streambuf so cereal can write to memory without
// copying through std::stringstream (reading: bounded_input_archive.hpp).
#pragma once

#include <streambuf>
#include <string>
#include <string_view>

namespace nyxmon::infra::eventstore {

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
