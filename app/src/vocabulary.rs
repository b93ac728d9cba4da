//! Closed vocabularies stored as text (a SARA stage, a case review's status, a trigger rule...):
//! one enum each, spelled once. `vocabulary!` gives an enum its stored spelling (`as_str`),
//! parsing from it (`parse`, `TryFrom<String>`), serde in the same spelling and, on the server,
//! reading and binding it as a text column through sqlx's `Any` driver, so row structs
//! (`sqlx::FromRow`) hold the enum itself, `Option` of it for a nullable column. Words for
//! people come from Fluent (each capability's `*_name(lang, ..)` functions), never from here.
//! A stored spelling this version does not know is an error when read, unless the declaration
//! ends with `else Variant` (a set without a database constraint, such as a report's status):
//! then it reads as that variant.

/// Declares an enum of `Variant = "stored spelling"` pairs, optionally followed by
/// `else Variant` (see the module's documentation).
macro_rules! vocabulary {
    (@unknown $name:ident) => { None };
    (@unknown $name:ident $fallback:ident) => { Some($name::$fallback) };
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $code:literal),+ $(,)? } $(else $fallback:ident)?) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name { $($(#[$vdoc])* #[serde(rename = $code)] $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The spelling stored in the database and sent in forms and the API.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
            pub fn parse(s: &str) -> Option<$name> {
                match s { $($code => Some($name::$variant),)+ _ => None }
            }
            /// What a stored spelling this version does not know reads as (`None`: an error).
            pub const UNKNOWN_READS_AS: Option<$name> = $crate::vocabulary::vocabulary!(@unknown $name $($fallback)?);
            /// A stored spelling read back (see `UNKNOWN_READS_AS`).
            pub fn from_stored(s: &str) -> Result<$name, String> {
                $name::parse(s)
                    .or($name::UNKNOWN_READS_AS)
                    .ok_or_else(|| format!("not a {}: {s:?}", stringify!($name)))
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(s: String) -> Result<$name, String> {
                $name::parse(&s).ok_or_else(|| format!("not a {}: {s:?}", stringify!($name)))
            }
        }

        #[cfg(feature = "ssr")]
        impl sqlx::Type<sqlx::Any> for $name {
            fn type_info() -> sqlx::any::AnyTypeInfo {
                <String as sqlx::Type<sqlx::Any>>::type_info()
            }
            fn compatible(ty: &sqlx::any::AnyTypeInfo) -> bool {
                <String as sqlx::Type<sqlx::Any>>::compatible(ty)
            }
        }

        #[cfg(feature = "ssr")]
        impl<'r> sqlx::Decode<'r, sqlx::Any> for $name {
            fn decode(value: sqlx::any::AnyValueRef<'r>) -> Result<$name, sqlx::error::BoxDynError> {
                let s = <String as sqlx::Decode<'r, sqlx::Any>>::decode(value)?;
                Ok($name::from_stored(&s)?)
            }
        }

        #[cfg(feature = "ssr")]
        impl<'q> sqlx::Encode<'q, sqlx::Any> for $name {
            fn encode_by_ref(
                &self,
                buf: &mut <sqlx::Any as sqlx::Database>::ArgumentBuffer<'q>,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <&str as sqlx::Encode<'q, sqlx::Any>>::encode(self.as_str(), buf)
            }
        }
    };
}

pub(crate) use vocabulary;

#[cfg(test)]
mod tests {
    vocabulary! {
        /// A vocabulary for the tests.
        Colour { Red = "red", DarkBlue = "dark_blue" }
    }

    #[test]
    fn one_spelling_for_storage_forms_and_serde() {
        for c in Colour::ALL {
            assert_eq!(Colour::parse(c.as_str()), Some(*c));
            assert_eq!(Colour::try_from(c.as_str().to_string()), Ok(*c));
            assert_eq!(serde_json::to_string(c).unwrap(), format!("\"{}\"", c.as_str()));
        }
        assert_eq!(Colour::parse("Dark blue"), None);
        assert!(Colour::try_from("purple".to_string()).unwrap_err().contains("purple"));
        assert!(Colour::from_stored("purple").unwrap_err().contains("purple"));
        assert_eq!(Colour::from_stored("dark_blue"), Ok(Colour::DarkBlue));
    }

    vocabulary! {
        /// A vocabulary whose unknown stored spellings read as `Other`.
        Shape { Round = "round", Other = "other" } else Other
    }

    #[test]
    fn an_unknown_stored_spelling_reads_as_the_fallback_when_there_is_one() {
        for s in Shape::ALL {
            assert_eq!(Shape::from_stored(s.as_str()), Ok(*s));
        }
        assert_eq!(Shape::from_stored("square"), Ok(Shape::Other));
        // Forms and the API still refuse it.
        assert_eq!(Shape::parse("square"), None);
        assert!(Shape::try_from("square".to_string()).is_err());
    }
}
