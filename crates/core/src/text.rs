//! One pass over the input: unescape, strip log prefixes, split into error blocks with byte spans.
