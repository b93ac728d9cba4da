//! Photos from residents. Each one is decoded within pixel and memory limits, turned the right
//! way up, shrunk to at most 2048 pixels a side and re-encoded as JPEG. Only the new pixels are
//! kept: EXIF, XMP and GPS in the original never reach storage, nor do the original bytes.
//!
//! A small file can describe a huge picture (a 1 MB PNG of 12000 × 12000 16-bit pixels
//! decodes to 864 MB), so the size a photo would have once decoded is worked out from its
//! header (dimensions and colour type) and checked against [`MAX_PIXELS`] and
//! [`MAX_DECODED_BYTES`] before any pixel is decoded. [`inspect`] does only that check.

use image::{codecs::jpeg::JpegEncoder, DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use std::io::Cursor;

pub const MAX_PHOTOS: usize = 3;
pub const MAX_PHOTO_BYTES: usize = 10 * 1024 * 1024;
/// At most 40 megapixels (8000 × 5000): every phone camera's ordinary photos fit.
pub const MAX_PIXELS: u64 = 40_000_000;
/// At most 128 MiB once decoded (a 40-megapixel photo at 8 bits per channel is 120 MB); the
/// same figure bounds every allocation the decoders make.
pub const MAX_DECODED_BYTES: u64 = 128 * 1024 * 1024;
const MAX_SIDE: u32 = 2048;

/// A photo ready to store.
#[derive(Debug, Clone)]
pub struct CleanPhoto {
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoProblem {
    /// More than [`MAX_PHOTO_BYTES`] as sent.
    TooLarge,
    /// More pixels, or more bytes once decoded, than the budget allows.
    TooManyPixels,
    NotAnImage,
}

/// What a photo's header says, read without decoding a pixel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub width: u32,
    pub height: u32,
    /// The size of the decoded picture, from the dimensions and the colour type.
    pub decoded_bytes: u64,
}

/// Whether a picture of these dimensions and decoded size may be decoded.
pub fn within_budget(width: u32, height: u32, decoded_bytes: u64) -> Result<(), PhotoProblem> {
    if width == 0 || height == 0 {
        return Err(PhotoProblem::NotAnImage);
    }
    if u64::from(width) * u64::from(height) > MAX_PIXELS || decoded_bytes > MAX_DECODED_BYTES {
        return Err(PhotoProblem::TooManyPixels);
    }
    Ok(())
}

/// Reads the header only (format, dimensions, colour type) and refuses what is over budget.
/// Cheap whatever the file claims: no pixel is decoded.
pub fn inspect(bytes: &[u8]) -> Result<Header, PhotoProblem> {
    let decoder = open(bytes)?;
    let (width, height) = decoder.dimensions();
    Ok(Header { width, height, decoded_bytes: decoder.total_bytes() })
}

/// A decoder positioned after the header, for a JPEG, PNG or WebP within budget.
fn open(bytes: &[u8]) -> Result<impl ImageDecoder + '_, PhotoProblem> {
    if bytes.len() > MAX_PHOTO_BYTES {
        return Err(PhotoProblem::TooLarge);
    }
    let mut reader =
        ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|_| PhotoProblem::NotAnImage)?;
    if !matches!(reader.format(), Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)) {
        return Err(PhotoProblem::NotAnImage);
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(12_000);
    limits.max_image_height = Some(12_000);
    limits.max_alloc = Some(MAX_DECODED_BYTES);
    reader.limits(limits);
    let decoder = reader.into_decoder().map_err(|e| match e {
        image::ImageError::Limits(_) => PhotoProblem::TooManyPixels,
        _ => PhotoProblem::NotAnImage,
    })?;
    let (width, height) = decoder.dimensions();
    within_budget(width, height, decoder.total_bytes())?;
    Ok(decoder)
}

/// Decodes JPEG, PNG or WebP within budget and re-encodes it clean.
pub fn clean(bytes: &[u8]) -> Result<CleanPhoto, PhotoProblem> {
    let mut decoder = open(bytes)?;
    let orientation = decoder.orientation().map_err(|_| PhotoProblem::NotAnImage)?;
    let mut picture = DynamicImage::from_decoder(decoder).map_err(|_| PhotoProblem::NotAnImage)?;
    // Shrunk first (an area average: no full-size working copy), then turned: turning the
    // small picture costs little.
    if picture.width() > MAX_SIDE || picture.height() > MAX_SIDE {
        picture = picture.thumbnail(MAX_SIDE, MAX_SIDE);
    }
    picture.apply_orientation(orientation);
    let rgb = picture.to_rgb8();
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, 85).encode_image(&rgb).map_err(|_| PhotoProblem::NotAnImage)?;
    Ok(CleanPhoto { jpeg, width: rgb.width(), height: rgb.height() })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts the bytes each thread has allocated, and the most it held at once, so a test can
    /// see how much memory a call needed.
    mod counting {
        use std::alloc::{GlobalAlloc, Layout, System};
        use std::cell::Cell;

        pub struct Counting;
        thread_local! {
            static HELD: Cell<isize> = const { Cell::new(0) };
            static PEAK: Cell<isize> = const { Cell::new(0) };
        }

        fn track(delta: isize) {
            let _ = HELD.try_with(|held| {
                let now = held.get() + delta;
                held.set(now);
                let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
            });
        }

        unsafe impl GlobalAlloc for Counting {
            unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
                let p = unsafe { System.alloc(layout) };
                if !p.is_null() {
                    track(layout.size() as isize);
                }
                p
            }
            unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
                let p = unsafe { System.alloc_zeroed(layout) };
                if !p.is_null() {
                    track(layout.size() as isize);
                }
                p
            }
            unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
                unsafe { System.dealloc(ptr, layout) };
                track(-(layout.size() as isize));
            }
            unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
                let p = unsafe { System.realloc(ptr, layout, new_size) };
                if !p.is_null() {
                    track(new_size as isize - layout.size() as isize);
                }
                p
            }
        }

        /// The most this thread held at once while `f` ran, above what it held before.
        pub fn peak_growth<T>(f: impl FnOnce() -> T) -> (T, usize) {
            let start = HELD.with(Cell::get);
            PEAK.with(|p| p.set(start));
            let out = f();
            (out, (PEAK.with(Cell::get) - start).max(0) as usize)
        }
    }

    #[global_allocator]
    static ALLOCATOR: counting::Counting = counting::Counting;

    /// A valid PNG of `side` × `side` 16-bit RGB pixels, all black: about 1 MB for 12000, and
    /// 864 MB once decoded. Built row by row, so the test never holds the pixels either.
    pub fn png_bomb(side: u32) -> Vec<u8> {
        use std::io::Write;
        let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        let row = vec![0u8; 1 + side as usize * 6]; // filter byte, then RGB at 16 bits
        for _ in 0..side {
            zlib.write_all(&row).unwrap();
        }
        let idat = zlib.finish().unwrap();
        let chunk = |out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]| {
            out.extend((data.len() as u32).to_be_bytes());
            out.extend(kind);
            out.extend(data);
            let mut crc = flate2::Crc::new();
            crc.update(kind);
            crc.update(data);
            out.extend(crc.sum().to_be_bytes());
        };
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut ihdr = Vec::new();
        ihdr.extend(side.to_be_bytes());
        ihdr.extend(side.to_be_bytes());
        ihdr.extend([16, 2, 0, 0, 0]); // 16 bits, RGB, deflate, no filter method, not interlaced
        chunk(&mut png, b"IHDR", &ihdr);
        chunk(&mut png, b"IDAT", &idat);
        chunk(&mut png, b"IEND", &[]);
        png
    }

    #[test]
    fn a_decompression_bomb_is_refused_from_its_header() {
        let bomb = png_bomb(12_000);
        assert!(bomb.len() < 2 * 1024 * 1024, "a small file: {} bytes", bomb.len());
        assert_eq!(inspect(&bomb).unwrap_err(), PhotoProblem::TooManyPixels);
        let started = std::time::Instant::now();
        let (result, peak) = counting::peak_growth(|| clean(&bomb));
        assert_eq!(result.unwrap_err(), PhotoProblem::TooManyPixels);
        assert!(peak < 16 * 1024 * 1024, "refusing it took {} MB", peak / (1024 * 1024));
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "refused without decoding: {:?}",
            started.elapsed()
        );
    }

    #[test]
    fn the_budget_is_40_megapixels_and_128_mib_decoded() {
        assert_eq!(within_budget(8000, 5000, 8000 * 5000 * 3), Ok(()), "a 40-megapixel phone photo");
        assert_eq!(within_budget(8001, 5000, 8001 * 5000 * 3), Err(PhotoProblem::TooManyPixels));
        assert_eq!(within_budget(12_000, 12_000, 12_000 * 12_000 * 6), Err(PhotoProblem::TooManyPixels));
        assert_eq!(
            within_budget(6000, 6000, 6000 * 6000 * 6),
            Err(PhotoProblem::TooManyPixels),
            "36 MP at 16 bits is 216 MB"
        );
        assert_eq!(within_budget(100_000, 1, 300_000), Ok(()));
        assert_eq!(within_budget(0, 10, 0), Err(PhotoProblem::NotAnImage));
        // What a real header says: 16-bit RGB is six bytes a pixel.
        assert_eq!(
            inspect(&png_bomb(100)).unwrap(),
            Header { width: 100, height: 100, decoded_bytes: 60_000 }
        );
        assert_eq!(
            inspect(&png_bomb(5000)).unwrap_err(),
            PhotoProblem::TooManyPixels,
            "25 MP at 16 bits is 150 MB"
        );
    }

    #[test]
    fn a_photo_within_budget_is_cleaned_in_bounded_memory() {
        // 2600 × 2600 at 16 bits (40 MB decoded): decoded, shrunk, re-encoded.
        let png = png_bomb(2600);
        let (result, peak) = counting::peak_growth(|| clean(&png));
        let clean = result.unwrap();
        assert_eq!((clean.width, clean.height), (2048, 2048));
        assert!(peak < 2 * MAX_DECODED_BYTES as usize, "cleaning took {} MB", peak / (1024 * 1024));
    }

    /// A JPEG of `w`×`h` with an EXIF block holding Orientation 6 (rotate 90°) and a GPS
    /// position, as phones write them.
    pub fn jpeg_with_gps(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, _| image::Rgb([(x % 255) as u8, 80, 160]));
        let mut plain = Vec::new();
        JpegEncoder::new_with_quality(&mut plain, 90).encode_image(&img).unwrap();
        // TIFF (little endian): IFD0 with Orientation=6 and a GPS IFD pointer; GPS IFD with
        // GPSLatitudeRef "N" and the marker text "SECRETGPS" as a processing method.
        let mut tiff: Vec<u8> = b"II*\0".to_vec();
        tiff.extend(8u32.to_le_bytes()); // IFD0 at 8
        tiff.extend(2u16.to_le_bytes());
        tiff.extend([0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0]); // Orientation SHORT 6
        tiff.extend([0x25, 0x88, 4, 0, 1, 0, 0, 0]); // GPSInfo LONG -> offset
        tiff.extend(38u32.to_le_bytes());
        tiff.extend(0u32.to_le_bytes()); // no next IFD
                                         // GPS IFD at 38
        tiff.extend(2u16.to_le_bytes());
        tiff.extend([0x01, 0x00, 2, 0, 2, 0, 0, 0, b'N', 0, 0, 0]); // GPSLatitudeRef "N"
        tiff.extend([0x1b, 0x00, 7, 0, 9, 0, 0, 0]); // GPSProcessingMethod UNDEFINED[9]
        tiff.extend(68u32.to_le_bytes());
        tiff.extend(0u32.to_le_bytes());
        tiff.extend(b"SECRETGPS");
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend(&tiff);
        let mut out = plain[..2].to_vec(); // SOI
        out.extend([0xFF, 0xE1]);
        out.extend(((app1.len() + 2) as u16).to_be_bytes());
        out.extend(&app1);
        out.extend(&plain[2..]);
        out
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn exif_and_gps_never_survive_and_orientation_is_applied() {
        let original = jpeg_with_gps(64, 32);
        assert!(
            contains(&original, b"Exif") && contains(&original, b"SECRETGPS"),
            "the fixture carries EXIF and GPS"
        );
        let clean = clean(&original).unwrap();
        assert!(!contains(&clean.jpeg, b"Exif"));
        assert!(!contains(&clean.jpeg, b"SECRETGPS"));
        assert_eq!((clean.width, clean.height), (32, 64), "turned the right way up");
        assert_ne!(clean.jpeg, original);
    }

    #[test]
    fn png_and_webp_are_accepted_and_big_photos_shrunk() {
        let img = image::RgbImage::from_fn(3000, 1000, |_, _| image::Rgb([10, 20, 30]));
        let mut png = Vec::new();
        image::DynamicImage::ImageRgb8(img.clone())
            .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
            .unwrap();
        let clean_png = clean(&png).unwrap();
        assert_eq!((clean_png.width, clean_png.height), (2048, 683));
        let mut webp = Vec::new();
        image::DynamicImage::ImageRgb8(image::RgbImage::new(20, 10))
            .write_to(&mut Cursor::new(&mut webp), ImageFormat::WebP)
            .unwrap();
        assert_eq!(clean(&webp).unwrap().width, 20);
    }

    #[test]
    fn other_files_are_refused() {
        assert_eq!(clean(b"%PDF-1.7 not a photo").unwrap_err(), PhotoProblem::NotAnImage);
        assert_eq!(
            clean(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]).unwrap_err(),
            PhotoProblem::NotAnImage,
            "a broken JPEG"
        );
        assert_eq!(clean(&vec![0u8; MAX_PHOTO_BYTES + 1]).unwrap_err(), PhotoProblem::TooLarge);
        let mut gif = Vec::new();
        image::DynamicImage::ImageRgb8(image::RgbImage::new(4, 4))
            .write_to(&mut Cursor::new(&mut gif), ImageFormat::Png)
            .unwrap();
        gif[1..4].copy_from_slice(b"GIF");
        assert_eq!(clean(&gif).unwrap_err(), PhotoProblem::NotAnImage);
    }
}
