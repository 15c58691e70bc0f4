#include "markdown.hpp"

#include <array>
#include <md4c.h>

namespace jaryo {

namespace {

struct Renderer {
    MarkdownText out;

    void end_line() {
        if (!out.text.empty() && out.text.back() != '\n') {
            out.text += '\n';
        }
    }

    void separate() {
        if (!out.text.empty() && out.text.back() != '\n' && out.text.back() != ' ') {
            out.text += ' ';
        }
    }

    // Inline HTML and HTML blocks: keep what is between the tags.
    void append_without_tags(std::string_view html) {
        for (const char c : html) {
            if (c == '<') {
                in_tag = true;
            } else if (c == '>' && in_tag) {
                in_tag = false;
                separate();
            } else if (!in_tag) {
                out.text += c;
            }
        }
    }

    void append_entity(std::string_view entity) {
        static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> known{{
            {"&amp;", "&"},
            {"&lt;", "<"},
            {"&gt;", ">"},
            {"&quot;", "\""},
            {"&#39;", "'"},
            {"&apos;", "'"},
            {"&nbsp;", " "},
        }};
        for (const auto& [name, text] : known) {
            if (entity == name) {
                out.text += text;
                return;
            }
        }
        out.text += entity;
    }

    bool in_tag = false;
};

Renderer& renderer(void* userdata) {
    return *static_cast<Renderer*>(userdata);
}

// A block starts on a line of its own (a nested list after its parent item's text too).
int enter_block(MD_BLOCKTYPE type, void*, void* userdata) {
    switch (type) {
    case MD_BLOCK_DOC:
    case MD_BLOCK_THEAD:
    case MD_BLOCK_TBODY:
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
        break;
    default:
        renderer(userdata).end_line();
        break;
    }
    return 0;
}

int leave_block(MD_BLOCKTYPE type, void*, void* userdata) {
    switch (type) {
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
        renderer(userdata).separate();
        break;
    case MD_BLOCK_DOC:
    case MD_BLOCK_QUOTE:
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
    case MD_BLOCK_THEAD:
    case MD_BLOCK_TBODY:
    case MD_BLOCK_TABLE:
        break;
    default: // paragraphs, headings, list items, code, HTML, rules, table rows
        renderer(userdata).end_line();
        break;
    }
    return 0;
}

int enter_span(MD_SPANTYPE type, void* detail, void* userdata) {
    if (type == MD_SPAN_A) {
        const MD_ATTRIBUTE& href = static_cast<MD_SPAN_A_DETAIL*>(detail)->href;
        renderer(userdata).out.links.emplace_back(href.text, href.size);
    }
    return 0;
}

int leave_span(MD_SPANTYPE, void*, void*) {
    return 0;
}

int text(MD_TEXTTYPE type, const MD_CHAR* chars, MD_SIZE size, void* userdata) {
    Renderer& r = renderer(userdata);
    const std::string_view piece(chars, size);
    switch (type) {
    case MD_TEXT_NULLCHAR:
        break;
    case MD_TEXT_BR:
    case MD_TEXT_SOFTBR:
        r.out.text += '\n';
        break;
    case MD_TEXT_ENTITY:
        r.append_entity(piece);
        break;
    case MD_TEXT_HTML:
        r.append_without_tags(piece);
        break;
    default: // normal text, code, LaTeX
        r.out.text += piece;
        break;
    }
    return 0;
}

} // namespace

MarkdownText markdown_to_text(std::string_view markdown) {
    MD_PARSER parser{};
    parser.flags = MD_DIALECT_GITHUB | MD_FLAG_WIKILINKS | MD_FLAG_LATEXMATHSPANS;
    parser.enter_block = enter_block;
    parser.leave_block = leave_block;
    parser.enter_span = enter_span;
    parser.leave_span = leave_span;
    parser.text = text;
    Renderer renderer;
    if (md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &renderer) != 0) {
        return {std::string(markdown), {}}; // md4c gave up (out of memory): show the source
    }
    return std::move(renderer.out);
}

} // namespace jaryo
