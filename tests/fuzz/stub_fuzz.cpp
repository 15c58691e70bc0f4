// Any stub file: addresses that make sense, or a DatabaseError naming the stub; never a crash.
#include "jaryo/errors.hpp"
#include "jaryo/stub.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        for (const jaryo::DatabaseAddress& address : jaryo::parse_stub(text, "/srv/db/XAPIANDB")) {
            const bool sound =
                address.line >= 1 && address.stub == "/srv/db/XAPIANDB" &&
                (address.kind == jaryo::DatabaseAddress::Kind::Local
                     ? !address.path.empty() && address.path.is_absolute()
                 : address.kind == jaryo::DatabaseAddress::Kind::Tcp
                     ? !address.host.empty() && address.port >= 1 && address.port <= 65535
                     : !address.program.empty());
            if (!sound) {
                __builtin_trap();
            }
            (void)jaryo::stub_line(address);
        }
    } catch (const jaryo::DatabaseError&) {
    }
    return 0;
}
