//! The partial file: a header line and a JSON line, then a zstd stream of length-prefixed
//! postcard records, one per article, and an end record that counts them.

use super::{Header, PartialError};
use crate::BuildOptions;
use crate::graph::Contribution;
use serde::{Deserialize, Serialize};
use std::io::{self, BufRead, BufReader, Read, Write};

/// The first line of every partial; the number is the format's version.
const MAGIC: &[u8] = b"actorgraph partial 1\n";
/// The header line is at most this long.
const MAX_HEADER: u64 = 64 << 10;
/// A record (one article's counts and quoted sentences) is at most this long.
const MAX_RECORD: u32 = 256 << 20;
/// zstd level: 3 (zstd's default) compresses a partial to about a tenth at several hundred
/// MB/s; higher levels save little more on this data and cost much more time.
const LEVEL: i32 = 3;

/// One record of the stream, as written.
#[derive(Serialize)]
enum RecordRef<'a> {
    Article(&'a Contribution, &'a str),
    End(u64),
}

/// One record of the stream, as read (the same shape as [`RecordRef`]).
#[derive(Deserialize)]
enum Record {
    Article(Contribution, String),
    End(u64),
}

/// An article's record, encoded and framed, ready for [`Writer::add_encoded`]: encoding is
/// done where the article is read (in parallel), writing in input order.
pub fn encode(c: &Contribution, text: &str) -> Vec<u8> {
    frame(&RecordRef::Article(c, text))
}

fn frame(record: &RecordRef) -> Vec<u8> {
    let mut out = vec![0; 4];
    let mut out = postcard::to_extend(record, std::mem::take(&mut out))
        .expect("serialising to memory cannot fail");
    let len = (out.len() - 4) as u32;
    out[..4].copy_from_slice(&len.to_le_bytes());
    out
}

/// Writes a partial: the header, then records as they are added, then the end record.
pub struct Writer<W: Write> {
    out: zstd::Encoder<'static, W>,
    articles: u64,
}

impl<W: Write> Writer<W> {
    pub fn new(mut out: W, header: &Header) -> io::Result<Writer<W>> {
        out.write_all(MAGIC)?;
        serde_json::to_writer(&mut out, header)?;
        out.write_all(b"\n")?;
        let mut out = zstd::Encoder::new(out, LEVEL)?;
        out.include_checksum(true)?;
        Ok(Writer { out, articles: 0 })
    }

    /// Adds one article's record, made by [`encode`].
    pub fn add_encoded(&mut self, record: &[u8]) -> io::Result<()> {
        self.articles += 1;
        self.out.write_all(record)
    }

    /// Adds one article: its contribution and the text its evidence points into.
    pub fn add(&mut self, c: &Contribution, text: &str) -> io::Result<()> {
        self.add_encoded(&encode(c, text))
    }

    /// Writes the end record and closes the stream; returns the output and the articles
    /// written.
    pub fn finish(mut self) -> io::Result<(W, u64)> {
        self.out.write_all(&frame(&RecordRef::End(self.articles)))?;
        Ok((self.out.finish()?, self.articles))
    }
}

/// Reads a partial: the header when opened, then the articles one by one.
pub struct Reader<R: Read> {
    name: String,
    header: Header,
    input: zstd::Decoder<'static, BufReader<R>>,
    articles: u64,
    ended: bool,
    buf: Vec<u8>,
}

impl<R: Read> Reader<R> {
    /// Opens a partial; `name` names it in messages (its path).
    pub fn new(name: &str, input: R) -> Result<Reader<R>, PartialError> {
        let io = |source| PartialError::Io {
            name: name.to_string(),
            source,
        };
        let not_partial = || PartialError::NotAPartial {
            name: name.to_string(),
        };
        let corrupt = |what: String| PartialError::Corrupt {
            name: name.to_string(),
            what,
        };
        let mut input = BufReader::new(input);
        let mut magic = Vec::new();
        (&mut input)
            .take(MAGIC.len() as u64)
            .read_to_end(&mut magic)
            .map_err(io)?;
        if magic != MAGIC {
            if magic.starts_with(b"actorgraph partial ") {
                return Err(corrupt(format!(
                    "it is in a partial format this actorgraph does not read ({:?}; this one reads {:?})",
                    String::from_utf8_lossy(&magic).trim_end(),
                    String::from_utf8_lossy(MAGIC).trim_end(),
                )));
            }
            return Err(not_partial());
        }
        let mut line = Vec::new();
        (&mut input)
            .take(MAX_HEADER)
            .read_until(b'\n', &mut line)
            .map_err(io)?;
        if line.last() != Some(&b'\n') {
            return Err(corrupt("its header line is cut short".to_string()));
        }
        let header: Header = serde_json::from_slice(&line)
            .map_err(|e| corrupt(format!("its header is not readable: {e}")))?;
        let input = zstd::Decoder::with_buffer(input).map_err(io)?;
        Ok(Reader {
            name: name.to_string(),
            header,
            input,
            articles: 0,
            ended: false,
            buf: Vec::new(),
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn header(&self) -> &Header {
        &self.header
    }

    /// Refuses this partial unless it was made as `wanted` says (by this actorgraph, with
    /// those dictionaries and reading options), saying how it differs.
    pub fn check(&self, wanted: &Header) -> Result<(), PartialError> {
        let what = self.header.differences(wanted);
        if what.is_empty() {
            Ok(())
        } else {
            Err(PartialError::Mismatch {
                name: self.name.clone(),
                what,
            })
        }
    }

    /// `opts` with the reading options this partial was made with (the others kept).
    pub fn reading_options(&self, opts: &BuildOptions) -> Result<BuildOptions, PartialError> {
        self.header
            .reading
            .apply(opts)
            .map_err(|what| self.corrupt(format!("its header does not hold: {what}")))
    }

    /// The number of articles read so far.
    pub fn articles(&self) -> u64 {
        self.articles
    }

    pub(super) fn corrupt(&self, what: String) -> PartialError {
        PartialError::Corrupt {
            name: self.name.clone(),
            what,
        }
    }

    /// The next article's contribution and text, or `None` after the last one (once the end
    /// record and the end of the file are read).
    pub fn next_article(&mut self) -> Result<Option<(Contribution, String)>, PartialError> {
        if self.ended {
            return Ok(None);
        }
        let at = self.articles + 1;
        let mut len = [0u8; 4];
        if let Err(e) = self.input.read_exact(&mut len) {
            return Err(self.cut_short(at, e));
        }
        let len = u32::from_le_bytes(len);
        if len > MAX_RECORD {
            return Err(self.corrupt(format!(
                "record {at} claims {len} bytes (at most {MAX_RECORD})"
            )));
        }
        self.buf.clear();
        let read = (&mut self.input)
            .take(u64::from(len))
            .read_to_end(&mut self.buf);
        match read {
            Ok(n) if n == len as usize => {}
            Ok(_) => return Err(self.cut_short(at, io::ErrorKind::UnexpectedEof.into())),
            Err(e) => return Err(self.cut_short(at, e)),
        }
        let record = match postcard::take_from_bytes::<Record>(&self.buf) {
            Ok((record, [])) => record,
            Ok(_) => return Err(self.corrupt(format!("record {at} has bytes left over"))),
            Err(e) => return Err(self.corrupt(format!("record {at} is not readable: {e}"))),
        };
        match record {
            Record::Article(c, text) => {
                self.articles = at;
                Ok(Some((c, text)))
            }
            Record::End(count) if count != self.articles => Err(self.corrupt(format!(
                "it ends saying {count} articles after {} of them",
                self.articles
            ))),
            Record::End(_) => {
                let mut rest = [0u8; 1];
                match self.input.read(&mut rest) {
                    Ok(0) => {
                        self.ended = true;
                        Ok(None)
                    }
                    Ok(_) => Err(self.corrupt("it goes on after its end record".to_string())),
                    Err(e) => Err(self.cut_short(at, e)),
                }
            }
        }
    }

    /// The message for a stream that ends, or fails to decompress, at record `at`.
    fn cut_short(&self, at: u64, e: io::Error) -> PartialError {
        if e.kind() == io::ErrorKind::UnexpectedEof {
            self.corrupt(format!(
                "it is cut short after {} articles (at record {at})",
                self.articles
            ))
        } else if e.kind() == io::ErrorKind::Other || e.kind() == io::ErrorKind::InvalidData {
            self.corrupt(format!("at record {at}: {e}"))
        } else {
            PartialError::Io {
                name: self.name.clone(),
                source: e,
            }
        }
    }
}
