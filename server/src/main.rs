use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = server::cli::Cli::parse();
    match server::cli::run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            // One clear line; the cause chain follows on the same line.
            eprintln!("cymuned: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
