#include "jaryo/errors.hpp"

#include "jaryo/visible.hpp"

#include <cstdio>
#include <xapian.h>

namespace jaryo {

namespace {
// Messages quote paths and text from notes, so they are shown escaped (jaryo/visible.hpp).
std::string one_line(std::string text) {
    for (char& c : text) {
        if (c == '\n' || c == '\r') {
            c = ' ';
        }
    }
    return text;
}
} // namespace

int report_fatal(const char* program, const std::exception_ptr& error) noexcept {
    std::string message;
    try {
        std::rethrow_exception(error);
    } catch (const Error& e) {
        message = e.what();
    } catch (const Xapian::Error& e) {
        message = std::string("Xapian ") + e.get_type() + ": " + e.get_msg();
    } catch (const std::bad_alloc&) {
        message = "out of memory";
    } catch (const std::exception& e) {
        message = e.what();
    } catch (...) {
        message = "unknown error";
    }
    std::fprintf(stderr, "%s: %s\n", program, visible(one_line(message)).c_str());
    return 2;
}

} // namespace jaryo
