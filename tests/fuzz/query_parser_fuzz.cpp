// Any query text, with the built-in glossary: a Xapian query or a QueryError, nothing else.
#include "jaryo/errors.hpp"
#include "jaryo/glossary.hpp"
#include "jaryo/query_parser.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static jaryo::Analyzer analyzer;
    static const jaryo::Glossary glossary = jaryo::Glossary::load_default(analyzer);
    try {
        const jaryo::ParsedQuery parsed =
            jaryo::parse_query(std::string_view(reinterpret_cast<const char*>(data), size),
                               analyzer, {nullptr, &glossary});
        (void)parsed.query().get_description();
    } catch (const jaryo::QueryError&) {
    }
    return 0;
}
