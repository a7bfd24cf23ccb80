#include "charts/svg_document.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace tvp::report {

std::string px(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", std::round(value * 10.0) / 10.0 + 0.0);  // no "-0.0"
  return buf;
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

SvgDocument::SvgDocument(double width, double height, std::string_view title,
                         std::initializer_list<Attr> root_attrs) {
  // width/height make the file display at its natural size in an <img>; viewBox lets CSS scale it.
  root_ = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + px(width) + "\" height=\"" +
          px(height) + "\" viewBox=\"0 0 " + px(width) + " " + px(height) + "\"";
  for (const Attr& a : root_attrs)
    root_ += " " + std::string(a.name) + "=\"" + xml_escape(a.value) + "\"";
  root_ += " font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\" role=\"img\">\n";
  body_ = "<title>" + xml_escape(title) + "</title>\n";
  // An opaque background keeps the chart readable on a Markdown viewer's dark theme.
  body_ += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
}

void SvgDocument::write_open_tag(std::string_view tag, const Attr* begin, const Attr* end,
                                 bool self_closing) {
  body_ += "<";
  body_ += tag;
  for (const Attr* a = begin; a != end; ++a) {
    body_ += " ";
    body_ += a->name;
    body_ += "=\"" + xml_escape(a->value) + "\"";
  }
  body_ += self_closing ? "/>\n" : ">";
}

void SvgDocument::element(std::string_view tag, std::initializer_list<Attr> attrs,
                          std::string_view text) {
  write_open_tag(tag, attrs.begin(), attrs.end(), text.empty());
  if (!text.empty()) body_ += xml_escape(text) + "</" + std::string(tag) + ">\n";
}

void SvgDocument::element(std::string_view tag, const std::vector<Attr>& attrs,
                          std::string_view text) {
  write_open_tag(tag, attrs.data(), attrs.data() + attrs.size(), text.empty());
  if (!text.empty()) body_ += xml_escape(text) + "</" + std::string(tag) + ">\n";
}

void SvgDocument::open(std::string_view tag, std::initializer_list<Attr> attrs) {
  write_open_tag(tag, attrs.begin(), attrs.end(), false);
  body_ += "\n";
  open_tags_.emplace_back(tag);
}

void SvgDocument::open(std::string_view tag, const std::vector<Attr>& attrs) {
  write_open_tag(tag, attrs.data(), attrs.data() + attrs.size(), false);
  body_ += "\n";
  open_tags_.emplace_back(tag);
}

void SvgDocument::close() {
  if (open_tags_.empty()) throw std::logic_error("SvgDocument::close without open");
  body_ += "</" + open_tags_.back() + ">\n";
  open_tags_.pop_back();
}

std::string SvgDocument::fragment() const {
  if (!open_tags_.empty())
    throw std::logic_error("SvgDocument: unclosed <" + open_tags_.back() + ">");
  return root_ + body_ + "</svg>\n";
}

std::string SvgDocument::standalone() const {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + fragment();
}

}  // namespace tvp::report
