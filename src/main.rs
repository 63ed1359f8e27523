//! Entry point of the browser app, built by trunk (`trunk build --release`).

fn main() {
    hanoi_ward_dashboard::start();
}
