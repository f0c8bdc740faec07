// compilation_unit.cpp — the one translation unit that compiles Asio, Asio's
// SSL support and Beast (BOOST_ASIO_SEPARATE_COMPILATION and
// BOOST_BEAST_SEPARATE_COMPILATION are set for everything that links
// nyxmon_infrastructure), so the rest of the code only includes declarations.
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
